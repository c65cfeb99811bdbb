package dev.weft.peer.json;

/**
 * JSON string literals as Go's {@code encoding/json} writes them, as Fabric writes its JSON (the
 * operations endpoint's answers, a chaincode package's metadata.json): quotes, backslashes and
 * control characters escaped, and also {@code <}, {@code >}, {@code &}, U+2028 and U+2029, so that
 * the text is safe inside HTML.
 */
public final class Json {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  /** {@code text} as a quoted JSON string. */
  public static String string(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append("\\u");
            for (int shift = 12; shift >= 0; shift -= 4) {
              out.append(HEX[(c >> shift) & 0xf]);
            }
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
