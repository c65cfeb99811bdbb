package dev.weft.peer.lifecycle;

import com.google.protobuf.ByteString;
import java.util.SortedMap;

/**
 * A transaction's view of keys of the {@code _lifecycle} namespace: what the lifecycle functions
 * read, write and scan. Reads and writes are recorded in the transaction's read-write set.
 */
interface LifecycleState extends ReadableState {

  void put(String key, ByteString value);

  void delete(String key);

  /** The keys that start with {@code prefix} and their values, in key order. */
  SortedMap<String, ByteString> range(String prefix);
}
