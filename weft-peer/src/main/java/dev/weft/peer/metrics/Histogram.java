package dev.weft.peer.metrics;

import java.util.Map;

/**
 * Observations (durations, in seconds as in Fabric and Prometheus) counted in buckets, with their
 * sum and count, per combination of label values. Label values are given in the order of the
 * metric's label names.
 */
public final class Histogram implements Metric {

  private static final double NANOS_PER_SECOND = 1e9;

  private final MetricSpec spec;
  private final Buckets buckets;
  private final SeriesMap<HistogramValue> series;

  Histogram(MetricSpec spec, Buckets buckets) {
    if (spec.labelNames().contains("le")) {
      throw new IllegalArgumentException(
          "histogram " + spec.name() + " cannot have a label 'le': its buckets use it");
    }
    this.spec = spec;
    this.buckets = buckets;
    double[] upperBounds = buckets.toArray();
    this.series = new SeriesMap<>(spec, () -> new HistogramValue(upperBounds));
  }

  @Override
  public MetricSpec spec() {
    return spec;
  }

  /** The upper bounds of its buckets. */
  public Buckets buckets() {
    return buckets;
  }

  /** Counts one observation in the bucket of the smallest bound at or above it. */
  public void observe(double value, String... labelValues) {
    series.get(labelValues).observe(value);
  }

  /**
   * Observes the time since {@code startNanos}, a {@link System#nanoTime()} reading, in seconds.
   */
  public void observeSince(long startNanos, String... labelValues) {
    observe((System.nanoTime() - startNanos) / NANOS_PER_SECOND, labelValues);
  }

  /** How many observations a series has; 0 if none. */
  public long count(String... labelValues) {
    HistogramValue value = series.find(labelValues);
    return value == null ? 0 : value.snapshot().count();
  }

  /** The sum of a series' observations; 0 if none. */
  public double sum(String... labelValues) {
    HistogramValue value = series.find(labelValues);
    return value == null ? 0 : value.snapshot().sum();
  }

  Map<LabelValues, HistogramValue> series() {
    return series.all();
  }
}
