package dev.weft.peer.ledger;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;

/**
 * Simulates one transaction against a consistent snapshot of the committed state and records its
 * read-write set as Fabric does.
 *
 * <p>As in Fabric, reads always return committed state: a transaction never sees its own writes. A
 * paginated query is allowed only before the first write, and no write is allowed after one.
 *
 * <p>One transaction context uses it at a time, but a timeout may close it from another thread
 * while a request is still running: every operation, including those of its iterators, holds the
 * simulator's lock, so a close waits for the operation in progress and later operations fail
 * cleanly instead of touching released resources.
 */
public final class TxSimulator implements AutoCloseable {

  private final String txId;
  private final StateSnapshot snapshot;
  private final HistoryDatabase history;
  private final ReadWriteSetBuilder rwSet = new ReadWriteSetBuilder();
  private final List<RangeQueryIterator> rangeQueries = new ArrayList<>();
  private boolean writePerformed;
  private boolean paginatedQueryPerformed;
  private boolean resultsTaken;
  private boolean closed;

  /**
   * @param history the key history, or null when the history database is disabled
   */
  TxSimulator(String txId, StateSnapshot snapshot, HistoryDatabase history) {
    this.txId = txId;
    this.snapshot = snapshot;
    this.history = history;
  }

  /** The transaction this simulator records. */
  public String txId() {
    return txId;
  }

  /** The committed value of a key, empty if it does not exist; records the read. */
  public synchronized ByteString getState(String namespace, String key) {
    return read(namespace, key).map(VersionedValue::value).orElse(ByteString.EMPTY);
  }

  /**
   * The committed value of a key in this simulation's snapshot, empty if it does not exist, without
   * recording the read: for the peer's own look-ups that Fabric answers from a cache outside the
   * transaction (the rest of a chaincode definition once its sequence has been read).
   */
  public synchronized ByteString getStateUnrecorded(String namespace, String key) {
    checkOpen();
    return snapshot.get(namespace, key).map(VersionedValue::value).orElse(ByteString.EMPTY);
  }

  /** The committed values of several keys in order, empty for absent keys; records each read. */
  public synchronized List<ByteString> getStateMultiple(String namespace, List<String> keys) {
    List<ByteString> values = new ArrayList<>(keys.size());
    for (String key : keys) {
      values.add(getState(namespace, key));
    }
    return values;
  }

  /** The committed metadata of a key, empty if none or absent; records a read of the key. */
  public synchronized SortedMap<String, ByteString> getStateMetadata(String namespace, String key) {
    return read(namespace, key)
        .map(VersionedValue::metadata)
        .orElse(VersionedValue.sortedCopy(Map.of()));
  }

  /** Records a write; an empty value deletes the key. */
  public synchronized void setState(String namespace, String key, ByteString value) {
    checkWriteAllowed();
    rwSet.addWrite(namespace, key, value);
  }

  /** Records the deletion of a key. */
  public synchronized void deleteState(String namespace, String key) {
    setState(namespace, key, ByteString.EMPTY);
  }

  /** Records new metadata for a key, replacing all its metadata when committed. */
  public synchronized void setStateMetadata(
      String namespace, String key, Map<String, ByteString> metadata) {
    checkWriteAllowed();
    rwSet.addMetadataWrite(namespace, key, metadata);
  }

  /**
   * Opens a range scan from {@code startKey} (inclusive, empty = first key) to {@code endKey}
   * (exclusive, empty = past the last key); what it returns is recorded for phantom validation.
   */
  public synchronized ResultsIterator rangeQuery(String namespace, String startKey, String endKey) {
    return openRange(namespace, startKey, endKey, 0);
  }

  /**
   * Opens a range scan that returns at most {@code pageSize} results and can report a bookmark;
   * allowed only while the transaction has written nothing.
   */
  public synchronized ResultsIterator rangeQueryWithPagination(
      String namespace, String startKey, String endKey, int pageSize) {
    checkOpen();
    if (writePerformed) {
      throw new LedgerException(
          "txid ["
              + txId
              + "]: unsuppored transaction. Paginated queries are supported only in a read-only"
              + " transaction");
    }
    paginatedQueryPerformed = true;
    return openRange(namespace, startKey, endKey, pageSize);
  }

  /** The committed modifications of a key, newest first; not recorded in the read-write set. */
  public synchronized ResultsIterator history(String namespace, String key) {
    checkOpen();
    if (history == null) {
      throw new LedgerException("history database is not enabled");
    }
    return new HistoryIterator(history.history(namespace, key), this);
  }

  /** Whether the transaction wrote (or deleted) anything, including metadata. */
  public synchronized boolean hasWrites() {
    return writePerformed;
  }

  /**
   * The public read-write set of the transaction, built once when the simulation is over. Range
   * queries appear in the order they were opened, with everything they read up to now.
   */
  public synchronized TxReadWriteSet simulationResults() {
    checkOpen();
    if (resultsTaken) {
      throw new IllegalStateException("simulation results of " + txId + " were already taken");
    }
    resultsTaken = true;
    for (RangeQueryIterator query : rangeQueries) {
      rwSet.addRangeQuery(query.namespace(), query.recordedInfo());
    }
    return rwSet.build();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      rangeQueries.forEach(RangeQueryIterator::close);
      snapshot.close();
    }
  }

  private Optional<VersionedValue> read(String namespace, String key) {
    checkOpen();
    Optional<VersionedValue> value = snapshot.get(namespace, key);
    rwSet.addRead(namespace, key, value.map(VersionedValue::version).orElse(null));
    return value;
  }

  private ResultsIterator openRange(
      String namespace, String startKey, String endKey, int pageSize) {
    checkOpen();
    RangeQueryIterator query =
        new RangeQueryIterator(
            namespace,
            startKey,
            endKey,
            snapshot.range(namespace, startKey, endKey),
            pageSize,
            this);
    rangeQueries.add(query);
    return query;
  }

  private void checkWriteAllowed() {
    checkOpen();
    if (paginatedQueryPerformed) {
      throw new LedgerException(
          "txid ["
              + txId
              + "]: unsuppored transaction. Transaction has already performed a paginated query."
              + " Writes are not allowed");
    }
    writePerformed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the simulation of transaction " + txId + " has ended");
    }
  }
}
