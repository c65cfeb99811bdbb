package dev.weft.peer.ledger;

import java.util.Arrays;

/**
 * The RocksDB keys of the history database: one per committed write or delete, {@code 'h' ‖
 * varint(len(namespace)) ‖ namespace ‖ varint(len(key)) ‖ key ‖ blockNum ‖ txNum}, strings in UTF-8
 * and numbers in 8 big-endian bytes.
 *
 * <p>Because both strings are length-prefixed, all the modifications of one key, and nothing else,
 * share the prefix up to the key (composite keys contain 0x00, so a separator byte could not end a
 * key). Within that prefix the big-endian numbers sort by height, so iterating backwards from the
 * end of the prefix yields the newest modification first.
 */
final class HistoryKeys {

  private static final byte MODIFICATION_TAG = 'h';
  private static final int HEIGHT_LENGTH = 16;

  private HistoryKeys() {}

  /** What the keys of every modification of one key start with. */
  static byte[] keyPrefix(String namespace, String key) {
    return new KeyBuilder()
        .tag(MODIFICATION_TAG)
        .lengthPrefixed(Utf8.encode(namespace, "namespace"))
        .lengthPrefixed(Utf8.encode(key, "key"))
        .build();
  }

  /** The key of the modification made at {@code height}. */
  static byte[] modificationKey(byte[] keyPrefix, Height height) {
    return new KeyBuilder()
        .raw(keyPrefix)
        .bigEndian(height.blockNum())
        .bigEndian(height.txNum())
        .build();
  }

  /** A key at or after every modification key with this prefix, to iterate backwards from. */
  static byte[] afterAllModifications(byte[] keyPrefix) {
    byte[] last = Arrays.copyOf(keyPrefix, keyPrefix.length + HEIGHT_LENGTH);
    Arrays.fill(last, keyPrefix.length, last.length, (byte) 0xFF);
    return last;
  }

  /** Whether {@code stored} is the key of a modification with this prefix. */
  static boolean isModificationOf(byte[] stored, byte[] keyPrefix) {
    return stored.length == keyPrefix.length + HEIGHT_LENGTH
        && Arrays.equals(stored, 0, keyPrefix.length, keyPrefix, 0, keyPrefix.length);
  }

  /** The height in a modification key. */
  static Height height(byte[] modificationKey) {
    int at = modificationKey.length - HEIGHT_LENGTH;
    return new Height(readLong(modificationKey, at), readLong(modificationKey, at + 8));
  }

  private static long readLong(byte[] bytes, int offset) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = value << 8 | (bytes[offset + i] & 0xFF);
    }
    return value;
  }
}
