package dev.weft.peer.lifecycle;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;

/**
 * Fabric's lifecycle serializer: a structure is stored as one {@code StateMetadata} key (type name
 * and field names) and one {@code StateData} key per field, and a field is written only when its
 * encoded value changes, so that a read-write set holds exactly the keys an update changes. Reads
 * and writes go through the given state, in the order Fabric makes them.
 */
final class StateSerializer {

  private StateSerializer() {}

  /**
   * Writes {@code structure} as {@code name} under {@code namespace}: the fields whose stored value
   * differs, the metadata if the type or field list changed, and deletes fields no longer there.
   */
  static void serialize(
      String namespace, String name, StateStructure structure, LifecycleState state) {
    StateMetadata metadata =
        metadata(namespace, name, state).orElse(StateMetadata.getDefaultInstance());
    Map<String, ByteString> existing = new LinkedHashMap<>();
    for (String field : metadata.getFieldsList()) {
      String key = LifecycleKeys.fieldKey(namespace, name, field);
      existing.put(key, state.get(key));
    }
    for (Map.Entry<String, StateData> field : structure.fields()) {
      String key = LifecycleKeys.fieldKey(namespace, name, field.getKey());
      ByteString encoded = field.getValue().toByteString();
      ByteString stored = existing.remove(key);
      if (stored == null || !stored.equals(encoded)) {
        state.put(key, encoded);
      }
    }
    if (!existing.isEmpty()
        || !structure.datatype().equals(metadata.getDatatype())
        || metadata.getFieldsCount() != structure.fields().size()) {
      state.put(
          LifecycleKeys.metadataKey(namespace, name),
          metadata.toBuilder()
              .setDatatype(structure.datatype())
              .clearFields()
              .addAllFields(structure.metadata().getFieldsList())
              .build()
              .toByteString());
    }
    existing.keySet().forEach(state::delete);
  }

  /**
   * The fields of {@code structure} whose stored value differs from it; just the type name when the
   * stored metadata differs. Empty means the structure is stored exactly so.
   */
  static List<String> mismatches(
      String namespace, String name, StateStructure structure, ReadableState state) {
    ByteString storedMetadata = state.get(LifecycleKeys.metadataKey(namespace, name));
    List<ByteString> storedFields = new ArrayList<>();
    for (Map.Entry<String, StateData> field : structure.fields()) {
      storedFields.add(state.get(LifecycleKeys.fieldKey(namespace, name, field.getKey())));
    }
    if (!storedMetadata.equals(structure.metadata().toByteString())) {
      return List.of(structure.datatype());
    }
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < structure.fields().size(); i++) {
      Map.Entry<String, StateData> field = structure.fields().get(i);
      if (!storedFields.get(i).equals(field.getValue().toByteString())) {
        mismatches.add(field.getKey());
      }
    }
    return mismatches;
  }

  /** The metadata stored for {@code name}, if any. */
  static Optional<StateMetadata> metadata(String namespace, String name, ReadableState state) {
    ByteString bytes = state.get(LifecycleKeys.metadataKey(namespace, name));
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(StateMetadata.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new LifecycleException(
          "could not unmarshal metadata for namespace " + namespace + "/" + name, e);
    }
  }

  /** A field as an int64; 0 when it does not exist. */
  static long int64(String namespace, String name, String field, ReadableState state) {
    StateData data = field(namespace, name, field, state);
    return switch (data.getTypeCase()) {
      case TYPE_NOT_SET -> 0;
      case INT64 -> data.getInt64();
      default ->
          throw new LifecycleException(
              "expected key "
                  + LifecycleKeys.fieldKey(namespace, name, field)
                  + " to encode a value of type Int64, but was "
                  + data.getTypeCase());
    };
  }

  /** A field as a string; empty when it does not exist. */
  static String string(String namespace, String name, String field, ReadableState state) {
    StateData data = field(namespace, name, field, state);
    return switch (data.getTypeCase()) {
      case TYPE_NOT_SET -> "";
      case STRING -> data.getString();
      default ->
          throw new LifecycleException(
              "expected key "
                  + LifecycleKeys.fieldKey(namespace, name, field)
                  + " to encode a value of type String, but was "
                  + data.getTypeCase());
    };
  }

  /** A field holding a marshalled message; the empty message when it does not exist. */
  static <T extends Message> T message(
      String namespace, String name, String field, Parser<T> parser, ReadableState state) {
    StateData data = field(namespace, name, field, state);
    ByteString bytes =
        switch (data.getTypeCase()) {
          case TYPE_NOT_SET -> ByteString.EMPTY;
          case BYTES -> data.getBytes();
          default ->
              throw new LifecycleException(
                  "expected key "
                      + LifecycleKeys.fieldKey(namespace, name, field)
                      + " to encode a value of type []byte, but was "
                      + data.getTypeCase());
        };
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new LifecycleException(
          "could not unmarshal key " + LifecycleKeys.fieldKey(namespace, name, field), e);
    }
  }

  static StateData int64(long value) {
    return StateData.newBuilder().setInt64(value).build();
  }

  static StateData string(String value) {
    return StateData.newBuilder().setString(value).build();
  }

  static StateData bytes(Message value) {
    return StateData.newBuilder().setBytes(value.toByteString()).build();
  }

  private static StateData field(String namespace, String name, String field, ReadableState state) {
    String key = LifecycleKeys.fieldKey(namespace, name, field);
    try {
      return StateData.parseFrom(state.get(key));
    } catch (InvalidProtocolBufferException e) {
      throw new LifecycleException("could not unmarshal state for key " + key, e);
    }
  }
}
