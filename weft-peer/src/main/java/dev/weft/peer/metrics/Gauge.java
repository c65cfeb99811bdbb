package dev.weft.peer.metrics;

import java.util.Map;

/**
 * A value that goes up and down (a height, a number of connections), per combination of label
 * values. Label values are given in the order of the metric's label names.
 */
public final class Gauge implements Metric {

  private final MetricSpec spec;
  private final SeriesMap<GaugeValue> series;

  Gauge(MetricSpec spec) {
    this.spec = spec;
    this.series = new SeriesMap<>(spec, GaugeValue::new);
  }

  @Override
  public MetricSpec spec() {
    return spec;
  }

  /** Sets a series to {@code value}. */
  public void set(double value, String... labelValues) {
    series.get(labelValues).set(value);
  }

  /** Adds {@code delta}, which may be negative. */
  public void add(double delta, String... labelValues) {
    series.get(labelValues).add(delta);
  }

  /** The current value of a series; 0 if it was never set. */
  public double value(String... labelValues) {
    GaugeValue value = series.find(labelValues);
    return value == null ? 0 : value.get();
  }

  Map<LabelValues, GaugeValue> series() {
    return series.all();
  }
}
