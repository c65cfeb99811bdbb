package dev.weft.peer.ledger;

import com.google.protobuf.ByteString;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A committed value with its key-level metadata (such as a state-based endorsement policy) and the
 * version that wrote it.
 *
 * @param value the value, never empty (an empty write is a delete)
 * @param metadata metadata entries by name, in {@link KeyOrder}
 * @param version the height of the transaction that last wrote the value or its metadata
 */
public record VersionedValue(
    ByteString value, SortedMap<String, ByteString> metadata, Height version) {

  public VersionedValue {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a committed value is never empty");
    }
    metadata = sortedCopy(metadata);
  }

  /** A value without metadata. */
  public static VersionedValue of(ByteString value, Height version) {
    return new VersionedValue(value, Collections.emptySortedMap(), version);
  }

  static SortedMap<String, ByteString> sortedCopy(Map<String, ByteString> entries) {
    TreeMap<String, ByteString> copy = new TreeMap<>(KeyOrder.INSTANCE);
    copy.putAll(entries);
    return Collections.unmodifiableSortedMap(copy);
  }
}
