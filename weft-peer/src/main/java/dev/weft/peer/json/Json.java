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

  /**
   * The text of a JSON string literal's content (between its quotes): every escape, {@code \\uXXXX}
   * included, turned back into its character.
   *
   * @throws IllegalArgumentException for an escape JSON does not have
   */
  public static String unescape(String content) {
    StringBuilder out = new StringBuilder(content.length());
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i >= content.length()) {
        throw new IllegalArgumentException("a JSON string ends in the middle of an escape");
      }
      char escaped = content.charAt(i);
      switch (escaped) {
        case '"', '\\', '/' -> out.append(escaped);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (i + 4 >= content.length()) {
            throw new IllegalArgumentException("a JSON string ends in the middle of \\u");
          }
          out.append((char) Integer.parseInt(content.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> throw new IllegalArgumentException("\\" + escaped + " is not a JSON escape");
      }
    }
    return out.toString();
  }
}
