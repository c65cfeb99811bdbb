package dev.weft.peer.ledger;

import com.google.protobuf.MessageLite;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;

/**
 * A range scan of one namespace that records what it returned in a {@link RangeQueryInfo}, as
 * Fabric does for phantom-read validation: every result pulled counts, including results the
 * chaincode never consumed; the end key is the last key returned until the scan is exhausted, then
 * the requested end key.
 */
final class RangeQueryIterator implements ResultsIterator {

  private final String namespace;
  private final String requestedEndKey;
  private final StateIterator scan;
  private final int pageSize;
  private final RangeQueryInfo.Builder info;
  private final QueryReadsSummary reads = new QueryReadsSummary();
  private final Object lock;
  private int returned;
  private boolean closed;

  /**
   * @param pageSize the most results this iterator returns, 0 for no limit
   * @param lock the lock of the simulator that owns this iterator
   */
  RangeQueryIterator(
      String namespace,
      String startKey,
      String endKey,
      StateIterator scan,
      int pageSize,
      Object lock) {
    this.lock = lock;
    this.namespace = namespace;
    this.requestedEndKey = endKey;
    this.scan = scan;
    this.pageSize = pageSize;
    this.info = RangeQueryInfo.newBuilder().setStartKey(startKey);
  }

  @Override
  public MessageLite next() {
    synchronized (lock) {
      return nextResult();
    }
  }

  private MessageLite nextResult() {
    if (closed) {
      throw new IllegalStateException("range query iterator is closed");
    }
    StateEntry entry = pageSize > 0 && returned >= pageSize ? null : scan.next();
    if (entry == null) {
      info.setItrExhausted(true).setEndKey(requestedEndKey);
      return null;
    }
    returned++;
    reads.add(
        KVRead.newBuilder()
            .setKey(entry.key())
            .setVersion(entry.value().version().toProto())
            .build());
    info.setEndKey(entry.key());
    return KV.newBuilder()
        .setNamespace(namespace)
        .setKey(entry.key())
        .setValue(entry.value().value())
        .build();
  }

  @Override
  public String bookmarkAndClose() {
    synchronized (lock) {
      if (closed) {
        return "";
      }
      // The key after the page, read past the page limit and not recorded: a look-ahead.
      StateEntry following = scan.next();
      close();
      return following == null ? "" : following.key();
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (!closed) {
        closed = true;
        scan.close();
      }
    }
  }

  String namespace() {
    return namespace;
  }

  /** What this scan read, for the read-write set; called once, when the simulation ends. */
  RangeQueryInfo recordedInfo() {
    synchronized (lock) {
      reads.fill(info);
      return info.build();
    }
  }
}
