package dev.weft.peer.lifecycle;

import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;

/**
 * A value as Fabric's lifecycle serializer stores it: a type name and named fields, in the order of
 * the Go struct's fields, each field a {@code StateData}.
 *
 * @param datatype the Go struct's name, e.g. {@code ChaincodeDefinition}
 * @param fields the fields in declaration order
 */
record StateStructure(String datatype, List<Map.Entry<String, StateData>> fields) {

  StateStructure {
    fields = List.copyOf(fields);
  }

  /** The metadata Fabric stores for a value of this structure. */
  StateMetadata metadata() {
    StateMetadata.Builder metadata = StateMetadata.newBuilder().setDatatype(datatype);
    fields.forEach(field -> metadata.addFields(field.getKey()));
    return metadata.build();
  }
}
