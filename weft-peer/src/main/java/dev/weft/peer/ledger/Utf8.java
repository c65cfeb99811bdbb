package dev.weft.peer.ledger;

import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for database keys. {@link String#getBytes} silently turns an unpaired surrogate into
 * '?', which would make two different keys collide on disk; a key must be well-formed Unicode to be
 * stored, as Fabric requires valid UTF-8.
 */
final class Utf8 {

  private Utf8() {}

  /**
   * The UTF-8 bytes of {@code text}.
   *
   * @param what what the text is, for the error message
   * @throws IllegalArgumentException if the text holds an unpaired surrogate
   */
  static byte[] encode(String text, String what) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            what + " is not valid Unicode: unpaired surrogate at index " + i);
      }
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The text of {@code length} UTF-8 bytes at {@code offset}. */
  static String decode(byte[] bytes, int offset, int length) {
    return new String(bytes, offset, length, StandardCharsets.UTF_8);
  }
}
