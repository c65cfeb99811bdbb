package dev.weft.peer.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Writes metrics in Prometheus' text exposition format 0.0.4, as Prometheus' Go client writes them
 * for a Fabric peer: metrics sorted by name, each with its {@code # HELP} and {@code # TYPE} lines;
 * labels sorted by name; series sorted by their label values; a histogram as cumulative {@code
 * _bucket} lines ending with {@code le="+Inf"}, then {@code _sum} and {@code _count}. A metric with
 * labels that has no series yet is left out, as the Go client leaves out an empty vector.
 */
public final class PrometheusText {

  /** The HTTP content type of the format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private PrometheusText() {}

  /** Every metric of {@code registry}, in the text format. */
  public static String render(MetricsRegistry registry) {
    StringBuilder out = new StringBuilder(4096);
    for (Metric metric : registry.metrics()) {
      if (metric instanceof Counter counter) {
        writeCounter(counter, out);
      } else if (metric instanceof Gauge gauge) {
        writeGauge(gauge, out);
      } else if (metric instanceof Histogram histogram) {
        writeHistogram(histogram, out);
      }
    }
    return out.toString();
  }

  private static void writeCounter(Counter counter, StringBuilder out) {
    Labels labels = new Labels(counter.spec().labelNames());
    var series = labels.sorted(counter.series());
    if (!series.isEmpty()) {
      header(counter.spec(), "counter", out);
      series.forEach(
          s ->
              sample(
                  out,
                  counter.spec().name(),
                  labels.render(s.getKey(), null, null),
                  number(s.getValue().sum())));
    }
  }

  private static void writeGauge(Gauge gauge, StringBuilder out) {
    Labels labels = new Labels(gauge.spec().labelNames());
    var series = labels.sorted(gauge.series());
    if (!series.isEmpty()) {
      header(gauge.spec(), "gauge", out);
      series.forEach(
          s ->
              sample(
                  out,
                  gauge.spec().name(),
                  labels.render(s.getKey(), null, null),
                  number(s.getValue().get())));
    }
  }

  private static void writeHistogram(Histogram histogram, StringBuilder out) {
    Labels labels = new Labels(histogram.spec().labelNames());
    var series = labels.sorted(histogram.series());
    if (series.isEmpty()) {
      return;
    }
    String name = histogram.spec().name();
    List<Double> bounds = histogram.buckets().upperBounds();
    header(histogram.spec(), "histogram", out);
    for (var s : series) {
      HistogramValue.Snapshot snapshot = s.getValue().snapshot();
      long[] cumulative = snapshot.cumulativeCounts();
      for (int i = 0; i < bounds.size(); i++) {
        sample(
            out,
            name + "_bucket",
            labels.render(s.getKey(), "le", number(bounds.get(i))),
            number(cumulative[i]));
      }
      sample(
          out, name + "_bucket", labels.render(s.getKey(), "le", "+Inf"), number(snapshot.count()));
      String plain = labels.render(s.getKey(), null, null);
      sample(out, name + "_sum", plain, number(snapshot.sum()));
      sample(out, name + "_count", plain, number(snapshot.count()));
    }
  }

  private static void header(MetricSpec spec, String type, StringBuilder out) {
    out.append("# HELP ").append(spec.name()).append(' ');
    escape(spec.help(), false, out);
    out.append('\n');
    out.append("# TYPE ").append(spec.name()).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, String labels, String value) {
    out.append(name).append(labels).append(' ').append(value).append('\n');
  }

  /** A sample value: integers without a fraction, {@code +Inf}, {@code -Inf}, {@code NaN}. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  private static String number(long value) {
    return Long.toString(value);
  }

  /** Escapes a HELP text (backslash, line feed) or a label value (also the double quote). */
  private static void escape(String text, boolean quote, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '"' -> out.append(quote ? "\\\"" : "\"");
        default -> out.append(c);
      }
    }
  }

  /** A metric's label names, and how its series are ordered and written. */
  private static final class Labels {

    private final List<String> names;
    private final int[] byName; // indexes of the label names, in the names' order

    Labels(List<String> names) {
      this.names = names;
      this.byName =
          IntStream.range(0, names.size())
              .boxed()
              .sorted(Comparator.comparing(names::get))
              .mapToInt(Integer::intValue)
              .toArray();
    }

    <S> List<Map.Entry<LabelValues, S>> sorted(Map<LabelValues, S> series) {
      List<Map.Entry<LabelValues, S>> entries = new ArrayList<>(series.entrySet());
      entries.sort((a, b) -> compare(a.getKey(), b.getKey()));
      return entries;
    }

    private int compare(LabelValues a, LabelValues b) {
      for (int i : byName) {
        int c = a.values().get(i).compareTo(b.values().get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }

    /** {@code {a="1",b="2"}} with an optional extra label last; empty without any label. */
    String render(LabelValues values, String extraName, String extraValue) {
      if (names.isEmpty() && extraName == null) {
        return "";
      }
      StringBuilder out = new StringBuilder("{");
      for (int i : byName) {
        label(names.get(i), values.values().get(i), out);
      }
      if (extraName != null) {
        label(extraName, extraValue, out);
      }
      out.setCharAt(out.length() - 1, '}');
      return out.toString();
    }

    private static void label(String name, String value, StringBuilder out) {
      out.append(name).append("=\"");
      escape(value, true, out);
      out.append("\",");
    }
  }
}
