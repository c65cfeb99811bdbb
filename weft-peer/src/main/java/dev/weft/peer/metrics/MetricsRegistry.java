package dev.weft.peer.metrics;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metrics of one peer. Components declare the metrics they record here, by name; declaring a
 * metric again with the same definition returns the one already there (so that, say, the committers
 * of several channels share {@code ledger_block_processing_time}), while a different definition
 * under a taken name is an error.
 *
 * <p>Made once by the node and passed to the components it builds; a test makes a fresh one.
 */
public final class MetricsRegistry {

  private final Map<String, Metric> metrics = new ConcurrentHashMap<>();

  /** The counter {@code name}, with these labels. */
  public Counter counter(String name, String help, String... labelNames) {
    return register(new Counter(spec(name, help, labelNames)), Counter.class);
  }

  /** The gauge {@code name}, with these labels. */
  public Gauge gauge(String name, String help, String... labelNames) {
    return register(new Gauge(spec(name, help, labelNames)), Gauge.class);
  }

  /** The histogram {@code name}, with these buckets and labels. */
  public Histogram histogram(String name, String help, Buckets buckets, String... labelNames) {
    return register(new Histogram(spec(name, help, labelNames), buckets), Histogram.class);
  }

  /** Every metric declared so far, sorted by name. */
  public List<Metric> metrics() {
    return metrics.values().stream().sorted(Comparator.comparing(m -> m.spec().name())).toList();
  }

  private static MetricSpec spec(String name, String help, String[] labelNames) {
    return new MetricSpec(name, help, List.of(labelNames));
  }

  private <M extends Metric> M register(M candidate, Class<M> type) {
    String name = candidate.spec().name();
    Metric existing = metrics.putIfAbsent(name, candidate);
    if (existing == null) {
      return candidate;
    }
    if (type.isInstance(existing) && sameDefinition(existing, candidate)) {
      return type.cast(existing);
    }
    throw new IllegalArgumentException(
        "metric "
            + name
            + " is already declared as a "
            + existing.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
            + " with "
            + existing.spec()
            + "; cannot declare it again as a "
            + type.getSimpleName().toLowerCase(java.util.Locale.ROOT)
            + " with "
            + candidate.spec());
  }

  private static boolean sameDefinition(Metric existing, Metric candidate) {
    if (!existing.spec().equals(candidate.spec())) {
      return false;
    }
    return !(existing instanceof Histogram histogram)
        || histogram.buckets().equals(((Histogram) candidate).buckets());
  }
}
