package dev.weft.peer.ledger;

import java.util.Arrays;

/**
 * The RocksDB keys of the state database.
 *
 * <p>A value is stored under {@code 'd' ‖ varint(len(namespace)) ‖ namespace ‖ key}, both in UTF-8.
 * The length prefix ends the namespace unambiguously whatever bytes it holds, so namespaces can
 * never overlap. Within a namespace the key's bytes come last and alone, so RocksDB's default
 * bytewise comparator (unsigned bytes) orders the keys of a namespace exactly as {@link KeyOrder}
 * does. The savepoint is stored under {@code 's'}, outside every namespace.
 */
final class StateKeys {

  private static final byte VALUE_TAG = 'd';
  private static final byte SAVEPOINT_TAG = 's';

  private StateKeys() {}

  /** The key of the savepoint record. */
  static byte[] savepoint() {
    return new byte[] {SAVEPOINT_TAG};
  }

  /** What the keys of every value in {@code namespace} start with. */
  static byte[] namespacePrefix(String namespace) {
    return new KeyBuilder()
        .tag(VALUE_TAG)
        .lengthPrefixed(Utf8.encode(namespace, "namespace"))
        .build();
  }

  /** The key of a value, given the prefix of its namespace. */
  static byte[] valueKey(byte[] namespacePrefix, String key) {
    return new KeyBuilder().raw(namespacePrefix).raw(Utf8.encode(key, "key")).build();
  }

  /** The state key held in a value key whose namespace prefix is {@code prefixLength} long. */
  static String key(byte[] valueKey, int prefixLength) {
    return Utf8.decode(valueKey, prefixLength, valueKey.length - prefixLength);
  }

  /** The smallest key after every key that starts with {@code prefix}. */
  static byte[] endOfPrefix(byte[] prefix) {
    int last = prefix.length - 1;
    while (last >= 0 && prefix[last] == (byte) 0xFF) {
      last--;
    }
    if (last < 0) {
      throw new IllegalArgumentException("no key follows a prefix of only 0xFF bytes");
    }
    byte[] end = Arrays.copyOf(prefix, last + 1);
    end[last]++;
    return end;
  }
}
