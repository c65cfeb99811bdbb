package dev.weft.peer.ledger;

import java.io.ByteArrayOutputStream;

/** Builds a RocksDB key from parts, in order. */
final class KeyBuilder {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

  /** A single byte, such as the tag that says what kind of record a key belongs to. */
  KeyBuilder tag(byte tag) {
    out.write(tag);
    return this;
  }

  /**
   * The bytes preceded by their length as an unsigned varint: the part ends where its length says,
   * so whatever bytes it holds it cannot run into the next part.
   */
  KeyBuilder lengthPrefixed(byte[] part) {
    int length = part.length;
    while ((length & ~0x7F) != 0) {
      out.write((length & 0x7F) | 0x80);
      length >>>= 7;
    }
    out.write(length);
    out.writeBytes(part);
    return this;
  }

  /** The bytes as they are; only the last variable-length part of a key may be written so. */
  KeyBuilder raw(byte[] part) {
    out.writeBytes(part);
    return this;
  }

  /** A non-negative number in 8 big-endian bytes, which sort as the numbers do. */
  KeyBuilder bigEndian(long number) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (number >>> shift));
    }
    return this;
  }

  byte[] build() {
    return out.toByteArray();
  }
}
