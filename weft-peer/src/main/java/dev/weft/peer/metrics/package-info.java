/**
 * The peer's metrics: counters, gauges and histograms with labels, recorded by the components where
 * things happen and rendered in Prometheus' text format by the operations endpoint.
 *
 * <p>There is no global registry: the node creates one {@link
 * dev.weft.peer.metrics.MetricsRegistry} and hands it to the components it builds; each declares
 * its metrics in it. Recording is lock-free ({@link java.util.concurrent.atomic.LongAdder} and
 * friends); rendering reads the current values without stopping recorders, so a scrape during
 * recording may see a histogram's sum a moment ahead of or behind its buckets.
 *
 * <p>Names, labels and histogram buckets follow Fabric's metrics, so that dashboards built for a
 * Fabric peer work on a Weft peer.
 */
package dev.weft.peer.metrics;
