package dev.weft.peer.metrics;

/** A metric of the registry: a counter, a gauge or a histogram, with its series. */
public sealed interface Metric permits Counter, Gauge, Histogram {

  /** Its name, help text and label names. */
  MetricSpec spec();
}
