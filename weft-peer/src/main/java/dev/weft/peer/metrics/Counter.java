package dev.weft.peer.metrics;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A count that only goes up, per combination of label values. Label values are given in the order
 * of the metric's label names.
 */
public final class Counter implements Metric {

  private final MetricSpec spec;
  private final SeriesMap<LongAdder> series;

  Counter(MetricSpec spec) {
    this.spec = spec;
    this.series = new SeriesMap<>(spec, LongAdder::new);
  }

  @Override
  public MetricSpec spec() {
    return spec;
  }

  /** Adds one. */
  public void increment(String... labelValues) {
    series.get(labelValues).increment();
  }

  /** Adds {@code amount}, which must not be negative. */
  public void add(long amount, String... labelValues) {
    if (amount < 0) {
      throw new IllegalArgumentException(
          "counter " + spec.name() + " cannot go down (added " + amount + ")");
    }
    series.get(labelValues).add(amount);
  }

  /** The current count of a series; 0 if nothing was counted for these label values. */
  public long value(String... labelValues) {
    LongAdder adder = series.find(labelValues);
    return adder == null ? 0 : adder.sum();
  }

  Map<LabelValues, LongAdder> series() {
    return series.all();
  }
}
