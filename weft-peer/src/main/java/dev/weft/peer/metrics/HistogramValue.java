package dev.weft.peer.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * One series of a histogram: a count per bucket (not cumulative; the last one is {@code +Inf}) and
 * the sum of the observations. An observation equal to a bound falls in that bound's bucket, as
 * Prometheus' {@code le} says.
 */
final class HistogramValue {

  /**
   * What a scrape sees.
   *
   * @param cumulativeCounts per bucket, the observations at most its bound; the last is the count
   * @param sum the sum of the observations
   */
  record Snapshot(long[] cumulativeCounts, double sum) {

    long count() {
      return cumulativeCounts[cumulativeCounts.length - 1];
    }
  }

  private final double[] upperBounds;
  private final LongAdder[] counts;
  private final DoubleAdder sum = new DoubleAdder();

  HistogramValue(double[] upperBounds) {
    this.upperBounds = upperBounds;
    this.counts = new LongAdder[upperBounds.length + 1];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  void observe(double value) {
    int index = Arrays.binarySearch(upperBounds, value);
    counts[index >= 0 ? index : -index - 1].increment();
    sum.add(value);
  }

  Snapshot snapshot() {
    long[] cumulative = new long[counts.length];
    long total = 0;
    for (int i = 0; i < counts.length; i++) {
      total += counts[i].sum();
      cumulative[i] = total;
    }
    return new Snapshot(cumulative, sum.sum());
  }
}
