package dev.weft.interop.javacc;

import java.util.List;

/** Just enough JSON writing for the chaincode's answers. */
final class Json {

  private Json() {}

  static String string(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  static String array(List<String> jsonValues) {
    return "[" + String.join(",", jsonValues) + "]";
  }

  static String strings(List<String> values) {
    return array(values.stream().map(Json::string).toList());
  }

  /** An object from alternating names and already-encoded JSON values. */
  static String object(String... namesAndValues) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (i > 0) {
        out.append(',');
      }
      out.append(string(namesAndValues[i])).append(':').append(namesAndValues[i + 1]);
    }
    return out.append('}').toString();
  }
}
