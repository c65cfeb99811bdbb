package dev.weft.shim;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.StateMetadata;
import org.hyperledger.fabric.protos.peer.WriteRecord;

/**
 * A transaction's writes held back to be sent as WRITE_BATCH_STATE before COMPLETED. The last write
 * of a key wins, as it would on the peer; a key's value and each of its metadata entries are
 * separate writes.
 */
final class WriteBatch {

  private record Slot(String collection, String key, String metakey) {}

  private final Map<Slot, WriteRecord> writes = new LinkedHashMap<>();

  void put(String collection, String key, ByteString value) {
    data(collection, key, WriteRecord.Type.PUT_STATE, value);
  }

  void delete(String collection, String key) {
    data(collection, key, WriteRecord.Type.DEL_STATE, ByteString.EMPTY);
  }

  void putMetadata(String collection, String key, String metakey, ByteString value) {
    writes.put(
        new Slot(collection, key, metakey),
        WriteRecord.newBuilder()
            .setType(WriteRecord.Type.PUT_STATE_METADATA)
            .setCollection(collection)
            .setKey(key)
            .setMetadata(StateMetadata.newBuilder().setMetakey(metakey).setValue(value))
            .build());
  }

  boolean isEmpty() {
    return writes.isEmpty();
  }

  /** Takes every held write, in chunks of at most {@code maxSize}, and empties the batch. */
  List<List<WriteRecord>> drain(int maxSize) {
    List<WriteRecord> all = new ArrayList<>(writes.values());
    writes.clear();
    List<List<WriteRecord>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += maxSize) {
      chunks.add(all.subList(from, Math.min(all.size(), from + maxSize)));
    }
    return chunks;
  }

  private void data(String collection, String key, WriteRecord.Type type, ByteString value) {
    // The value slot of a key: a put, delete or purge replaces the previous one in place.
    writes.put(
        new Slot(collection, key, null),
        WriteRecord.newBuilder()
            .setType(type)
            .setCollection(collection)
            .setKey(key)
            .setValue(value)
            .build());
  }
}
