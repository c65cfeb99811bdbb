package dev.weft.peer.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a metric is: its Prometheus name (Fabric's namespace, subsystem and name joined by {@code
 * _}), its help text and the names of its labels, in the order their values are given when
 * recording.
 *
 * @param name a Prometheus metric name, e.g. {@code endorser_proposal_duration}
 * @param help one line saying what is measured, shown by Prometheus as the metric's HELP
 * @param labelNames Prometheus label names, distinct, none starting with {@code __}
 */
public record MetricSpec(String name, String help, List<String> labelNames) {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public MetricSpec {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a Prometheus metric name");
    }
    if (help == null || help.isBlank()) {
      throw new IllegalArgumentException("metric " + name + " needs a help text");
    }
    labelNames = List.copyOf(labelNames);
    Set<String> seen = new HashSet<>();
    for (String label : labelNames) {
      if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
        throw new IllegalArgumentException(
            "'" + label + "' is not a Prometheus label name (metric " + name + ")");
      }
      if (!seen.add(label)) {
        throw new IllegalArgumentException("metric " + name + " names label " + label + " twice");
      }
    }
  }
}
