package dev.weft.peer.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * The upper bounds of a histogram's buckets, increasing; the {@code +Inf} bucket is implicit.
 *
 * @param upperBounds finite, strictly increasing
 */
public record Buckets(List<Double> upperBounds) {

  /**
   * Prometheus' default buckets, which Fabric's histograms use unless they name their own: 5 ms to
   * 10 s.
   */
  public static final Buckets PROMETHEUS_DEFAULTS =
      of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);

  public Buckets {
    upperBounds = List.copyOf(upperBounds);
    for (int i = 0; i < upperBounds.size(); i++) {
      double bound = upperBounds.get(i);
      if (!Double.isFinite(bound)) {
        throw new IllegalArgumentException(
            "bucket bounds must be finite (+Inf is implicit): " + upperBounds);
      }
      if (i > 0 && bound <= upperBounds.get(i - 1)) {
        throw new IllegalArgumentException(
            "bucket bounds must be strictly increasing: " + upperBounds);
      }
    }
  }

  /** Buckets with these upper bounds. */
  public static Buckets of(double... upperBounds) {
    return new Buckets(Arrays.stream(upperBounds).boxed().toList());
  }

  double[] toArray() {
    return upperBounds.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
