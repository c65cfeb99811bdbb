package dev.weft.peer.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;

/**
 * Turns the write sets of a block's valid transactions into state updates and history entries, with
 * Fabric's rules for how a value write and a metadata write of the same key combine:
 *
 * <ul>
 *   <li>a delete removes the key and its metadata;
 *   <li>a value write alone keeps the key's latest metadata;
 *   <li>a metadata write alone keeps the key's latest value, and is ignored if the key does not
 *       exist;
 *   <li>"latest" includes earlier transactions of the same block.
 * </ul>
 */
final class BlockUpdates {

  private static final class KeyOperation {
    ByteString value; // null: no value write
    boolean delete;
    SortedMap<String, ByteString> metadata; // null: no metadata write
  }

  private final StateSnapshot committed;
  private final long blockNumber;
  private final StateUpdates state = new StateUpdates();
  private final List<HistoryEntry> history = new ArrayList<>();

  BlockUpdates(StateSnapshot committed, long blockNumber) {
    this.committed = committed;
    this.blockNumber = blockNumber;
  }

  void add(ValidTransaction tx) {
    Height height = new Height(blockNumber, tx.txNum());
    for (NsReadWriteSet nsRwSet : tx.readWriteSet().getNsRwsetList()) {
      String namespace = nsRwSet.getNamespace();
      KVRWSet kvRwSet = parse(nsRwSet, tx.txId());
      SortedMap<String, KeyOperation> operations = new TreeMap<>(KeyOrder.INSTANCE);
      for (KVWrite write : kvRwSet.getWritesList()) {
        KeyOperation op = operations.computeIfAbsent(write.getKey(), k -> new KeyOperation());
        op.delete = write.getIsDelete() || write.getValue().isEmpty();
        op.value = op.delete ? null : write.getValue();
        history.add(
            new HistoryEntry(
                namespace,
                write.getKey(),
                height,
                KeyModification.newBuilder()
                    .setTxId(tx.txId())
                    .setValue(op.delete ? ByteString.EMPTY : write.getValue())
                    .setTimestamp(tx.timestamp())
                    .setIsDelete(op.delete)
                    .build()));
      }
      for (KVMetadataWrite write : kvRwSet.getMetadataWritesList()) {
        KeyOperation op = operations.computeIfAbsent(write.getKey(), k -> new KeyOperation());
        op.metadata = metadataOf(write);
      }
      operations.forEach((key, op) -> apply(namespace, key, op, height));
    }
  }

  StateUpdates state() {
    return state;
  }

  List<HistoryEntry> history() {
    return history;
  }

  private void apply(String namespace, String key, KeyOperation op, Height height) {
    if (op.delete) {
      state.delete(namespace, key);
      return;
    }
    Optional<VersionedValue> latest = latest(namespace, key);
    ByteString value = op.value != null ? op.value : latest.map(VersionedValue::value).orElse(null);
    if (value == null) {
      return; // metadata for a key that does not exist
    }
    SortedMap<String, ByteString> metadata =
        op.metadata != null
            ? op.metadata
            : latest.map(VersionedValue::metadata).orElse(VersionedValue.sortedCopy(Map.of()));
    state.put(namespace, key, new VersionedValue(value, metadata, height));
  }

  private Optional<VersionedValue> latest(String namespace, String key) {
    return state.change(namespace, key).orElseGet(() -> committed.get(namespace, key));
  }

  private static SortedMap<String, ByteString> metadataOf(KVMetadataWrite write) {
    TreeMap<String, ByteString> entries = new TreeMap<>(KeyOrder.INSTANCE);
    for (KVMetadataEntry entry : write.getEntriesList()) {
      entries.put(entry.getName(), entry.getValue());
    }
    return VersionedValue.sortedCopy(entries);
  }

  private static KVRWSet parse(NsReadWriteSet nsRwSet, String txId) {
    try {
      return KVRWSet.parseFrom(nsRwSet.getRwset());
    } catch (InvalidProtocolBufferException e) {
      throw new LedgerException(
          "transaction "
              + txId
              + " has a malformed write set for namespace "
              + nsRwSet.getNamespace(),
          e);
    }
  }
}
