package dev.weft.peer.lifecycle;

import com.google.protobuf.ByteString;

/** Keys of the {@code _lifecycle} namespace that can be read. */
@FunctionalInterface
interface ReadableState {

  /** The value of {@code key}, empty if it does not exist. */
  ByteString get(String key);
}
