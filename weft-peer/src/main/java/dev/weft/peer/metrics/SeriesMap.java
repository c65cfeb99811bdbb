package dev.weft.peer.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The series of one metric, by label values, each created on first use. A metric without labels has
 * exactly one series from the start, so it is exported as 0 before anything happens.
 *
 * <p>Label values may come from outside (a channel id a chaincode sends): beyond {@link
 * #MAX_SERIES} series a metric records new label values nowhere, and says so once in the log,
 * rather than grow without bound.
 */
final class SeriesMap<S> {

  static final int MAX_SERIES = 10_000;

  private static final Logger log = LoggerFactory.getLogger(SeriesMap.class);

  private final MetricSpec spec;
  private final Supplier<S> newSeries;
  private final Map<LabelValues, S> series = new ConcurrentHashMap<>();
  private final S unlabelled; // the only series of a metric without labels, else null
  private final AtomicBoolean overflowReported = new AtomicBoolean();

  SeriesMap(MetricSpec spec, Supplier<S> newSeries) {
    this.spec = spec;
    this.newSeries = newSeries;
    if (spec.labelNames().isEmpty()) {
      unlabelled = newSeries.get();
      series.put(LabelValues.NONE, unlabelled);
    } else {
      unlabelled = null;
    }
  }

  /** The series of these label values, created if new. */
  S get(String[] labelValues) {
    if (unlabelled != null && labelValues.length == 0) {
      return unlabelled;
    }
    LabelValues key = key(labelValues);
    S existing = series.get(key);
    if (existing != null) {
      return existing;
    }
    if (series.size() >= MAX_SERIES) {
      if (overflowReported.compareAndSet(false, true)) {
        log.warn(
            "metric {} has {} series; values for new label values {} and later ones are not"
                + " recorded",
            spec.name(),
            series.size(),
            key.values());
      }
      return newSeries.get();
    }
    return series.computeIfAbsent(key, k -> newSeries.get());
  }

  /** The series of these label values if it exists. */
  S find(String[] labelValues) {
    return series.get(key(labelValues));
  }

  /** Every series; a live view. */
  Map<LabelValues, S> all() {
    return series;
  }

  private LabelValues key(String[] labelValues) {
    if (labelValues.length != spec.labelNames().size()) {
      throw new IllegalArgumentException(
          "metric "
              + spec.name()
              + " has labels "
              + spec.labelNames()
              + " but was given "
              + labelValues.length
              + " values");
    }
    return labelValues.length == 0 ? LabelValues.NONE : LabelValues.of(labelValues);
  }
}
