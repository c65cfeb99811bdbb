package dev.weft.peer.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Fabric's multi-version concurrency check of one block's transactions, in block order: a
 * transaction is valid only if every key it read still has the version it read, and every range it
 * scanned would return the same keys at the same versions, in the state as the valid transactions
 * before it in the same block leave it. A read of a key changed earlier in the block is a {@code
 * MVCC_READ_CONFLICT}; a range whose results changed (a key added, removed or rewritten) is a
 * {@code PHANTOM_READ_CONFLICT}.
 */
final class MvccValidator {

  private final StateSnapshot committed;
  private final StateUpdates block;

  /**
   * @param committed the state as of the previous block
   * @param block the updates of this block's transactions found valid so far (grows as they are)
   */
  MvccValidator(StateSnapshot committed, StateUpdates block) {
    this.committed = committed;
    this.block = block;
  }

  /** The transaction's MVCC verdict: VALID, MVCC_READ_CONFLICT or PHANTOM_READ_CONFLICT. */
  TxValidationCode validate(String txId, TxReadWriteSet readWriteSet) {
    for (NsReadWriteSet ns : readWriteSet.getNsRwsetList()) {
      KVRWSet kv = parse(ns, txId);
      for (KVRead read : kv.getReadsList()) {
        if (!sameVersion(read, latest(ns.getNamespace(), read.getKey()))) {
          return TxValidationCode.MVCC_READ_CONFLICT;
        }
      }
      for (RangeQueryInfo range : kv.getRangeQueriesInfoList()) {
        if (!rangeUnchanged(ns.getNamespace(), range)) {
          return TxValidationCode.PHANTOM_READ_CONFLICT;
        }
      }
    }
    return TxValidationCode.VALID;
  }

  private Optional<VersionedValue> latest(String namespace, String key) {
    return block.change(namespace, key).orElseGet(() -> committed.get(namespace, key));
  }

  private static boolean sameVersion(KVRead read, Optional<VersionedValue> current) {
    if (!read.hasVersion()) {
      return current.isEmpty();
    }
    return current.isPresent()
        && current.get().version().blockNum() == read.getVersion().getBlockNum()
        && current.get().version().txNum() == read.getVersion().getTxNum();
  }

  /**
   * Re-runs the scan over the current state: to the end key if the chaincode exhausted the
   * iterator, otherwise up to and including the last key it read (the recorded end key), and
   * compares what it returns with what was recorded, raw or as Merkle summary.
   */
  private boolean rangeUnchanged(String namespace, RangeQueryInfo recorded) {
    boolean includeEnd = !recorded.getItrExhausted();
    QueryReadsSummary now = new QueryReadsSummary();
    try (CombinedRange current =
        new CombinedRange(namespace, recorded.getStartKey(), recorded.getEndKey(), includeEnd)) {
      for (StateEntry entry = current.next(); entry != null; entry = current.next()) {
        now.add(
            KVRead.newBuilder()
                .setKey(entry.key())
                .setVersion(entry.value().version().toProto())
                .build());
      }
    }
    RangeQueryInfo.Builder rerun = RangeQueryInfo.newBuilder();
    now.fill(rerun);
    return rerun.getRawReads().equals(recorded.getRawReads())
        && rerun.getReadsMerkleHashes().equals(recorded.getReadsMerkleHashes())
        && rerun.getReadsInfoCase() == recorded.getReadsInfoCase();
  }

  /** The committed keys of a range with this block's updates laid over them, in key order. */
  private final class CombinedRange implements AutoCloseable {

    private final StateIterator committedKeys;
    private final Iterator<Map.Entry<String, Optional<VersionedValue>>> blockKeys;
    private final String endKey;
    private final boolean includeEnd;
    private StateEntry nextCommitted;
    private Map.Entry<String, Optional<VersionedValue>> nextBlock;

    CombinedRange(String namespace, String startKey, String endKey, boolean includeEnd) {
      this.endKey = endKey;
      this.includeEnd = includeEnd;
      // Past an inclusive end the committed scan is cut here, not by the snapshot.
      this.committedKeys = committed.range(namespace, startKey, includeEnd ? "" : endKey);
      SortedMap<String, Optional<VersionedValue>> changes =
          block.byNamespace().getOrDefault(namespace, java.util.Collections.emptySortedMap());
      this.blockKeys = changes.tailMap(startKey).entrySet().iterator();
      this.nextCommitted = committedKeys.next();
      this.nextBlock = blockKeys.hasNext() ? blockKeys.next() : null;
    }

    /** The next existing key of the range, or null. */
    StateEntry next() {
      while (true) {
        StateEntry candidate;
        int order =
            nextCommitted == null
                ? (nextBlock == null ? 0 : 1)
                : nextBlock == null
                    ? -1
                    : KeyOrder.INSTANCE.compare(nextCommitted.key(), nextBlock.getKey());
        if (nextCommitted == null && nextBlock == null) {
          return null;
        }
        if (order < 0) {
          candidate = nextCommitted;
          nextCommitted = committedKeys.next();
        } else {
          if (order == 0) {
            nextCommitted = committedKeys.next(); // the block's change replaces the committed value
          }
          Map.Entry<String, Optional<VersionedValue>> change = nextBlock;
          nextBlock = blockKeys.hasNext() ? blockKeys.next() : null;
          if (change.getValue().isEmpty()) {
            continue; // deleted in this block
          }
          candidate = new StateEntry(change.getKey(), change.getValue().get());
        }
        if (beyondEnd(candidate.key())) {
          return null;
        }
        return candidate;
      }
    }

    private boolean beyondEnd(String key) {
      if (endKey.isEmpty()) {
        return false;
      }
      int order = KeyOrder.INSTANCE.compare(key, endKey);
      return includeEnd ? order > 0 : order >= 0;
    }

    @Override
    public void close() {
      committedKeys.close();
    }
  }

  private static KVRWSet parse(NsReadWriteSet ns, String txId) {
    try {
      return KVRWSet.parseFrom(ns.getRwset());
    } catch (InvalidProtocolBufferException e) {
      throw new LedgerException(
          "transaction " + txId + " has a malformed read-write set for " + ns.getNamespace(), e);
    }
  }
}
