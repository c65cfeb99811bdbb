package dev.weft.peer.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * The label values of one series, in the order of its metric's label names; a missing (null) value
 * is the empty string.
 */
record LabelValues(List<String> values) {

  static final LabelValues NONE = new LabelValues(List.of());

  static LabelValues of(String[] values) {
    return new LabelValues(Arrays.stream(values).map(value -> value == null ? "" : value).toList());
  }
}
