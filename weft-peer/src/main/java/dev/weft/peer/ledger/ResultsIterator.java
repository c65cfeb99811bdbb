package dev.weft.peer.ledger;

import com.google.protobuf.MessageLite;

/**
 * The results of a chaincode query, pulled one at a time: {@code queryresult.KV} for range queries,
 * {@code queryresult.KeyModification} for history queries.
 */
public interface ResultsIterator extends AutoCloseable {

  /** The next result, or {@code null} once there is none. */
  MessageLite next();

  /**
   * Closes the iterator and returns where a following page would start: the next key of the range,
   * or empty when the range is exhausted. Only paginated range queries have bookmarks.
   */
  default String bookmarkAndClose() {
    close();
    return "";
  }

  @Override
  void close();
}
