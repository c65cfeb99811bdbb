package dev.weft.peer.ledger;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;

/**
 * Collects a transaction's reads, writes, metadata writes and range queries and builds the public
 * {@link TxReadWriteSet} in Fabric's deterministic order: namespaces and keys in {@link KeyOrder},
 * range queries in the order they were opened.
 */
final class ReadWriteSetBuilder {

  private record RangeKey(String startKey, String endKey, boolean exhausted) {}

  private static final class Namespace {
    final SortedMap<String, KVRead> reads = new TreeMap<>(KeyOrder.INSTANCE);
    final SortedMap<String, KVWrite> writes = new TreeMap<>(KeyOrder.INSTANCE);
    final SortedMap<String, KVMetadataWrite> metadataWrites = new TreeMap<>(KeyOrder.INSTANCE);
    final Map<RangeKey, RangeQueryInfo> rangeQueries = new LinkedHashMap<>();
  }

  private final SortedMap<String, Namespace> namespaces = new TreeMap<>(KeyOrder.INSTANCE);

  /** Records a read; {@code version} is null when the key did not exist. The latest read wins. */
  void addRead(String namespace, String key, Height version) {
    KVRead.Builder read = KVRead.newBuilder().setKey(key);
    if (version != null) {
      read.setVersion(version.toProto());
    }
    namespace(namespace).reads.put(key, read.build());
  }

  /** Records a write; an empty value is a delete. The latest write of a key wins. */
  void addWrite(String namespace, String key, ByteString value) {
    namespace(namespace)
        .writes
        .put(
            key,
            KVWrite.newBuilder().setKey(key).setIsDelete(value.isEmpty()).setValue(value).build());
  }

  /** Records the new metadata of a key, replacing any earlier metadata write of it. */
  void addMetadataWrite(String namespace, String key, Map<String, ByteString> entries) {
    KVMetadataWrite.Builder write = KVMetadataWrite.newBuilder().setKey(key);
    VersionedValue.sortedCopy(entries)
        .forEach(
            (name, value) ->
                write.addEntries(KVMetadataEntry.newBuilder().setName(name).setValue(value)));
    namespace(namespace).metadataWrites.put(key, write.build());
  }

  /** Records a range query; a second one with the same bounds and exhaustion is dropped. */
  void addRangeQuery(String namespace, RangeQueryInfo info) {
    namespace(namespace)
        .rangeQueries
        .putIfAbsent(
            new RangeKey(info.getStartKey(), info.getEndKey(), info.getItrExhausted()), info);
  }

  TxReadWriteSet build() {
    TxReadWriteSet.Builder txRwSet =
        TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
    namespaces.forEach(
        (name, ns) -> {
          KVRWSet kvRwSet =
              KVRWSet.newBuilder()
                  .addAllReads(ns.reads.values())
                  .addAllRangeQueriesInfo(ns.rangeQueries.values())
                  .addAllWrites(ns.writes.values())
                  .addAllMetadataWrites(ns.metadataWrites.values())
                  .build();
          txRwSet.addNsRwset(
              NsReadWriteSet.newBuilder().setNamespace(name).setRwset(kvRwSet.toByteString()));
        });
    return txRwSet.build();
  }

  private Namespace namespace(String name) {
    return namespaces.computeIfAbsent(name, n -> new Namespace());
  }
}
