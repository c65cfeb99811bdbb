package dev.weft.peer.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;

/**
 * A chaincode definition as Fabric stores it in {@code _lifecycle}: the sequence and the parameters
 * ({@code ChaincodeDefinition}).
 *
 * @param sequence the definition's sequence, from 1
 * @param parameters everything else
 */
record Definition(long sequence, DefinitionParameters parameters) {

  static final String DATATYPE = "ChaincodeDefinition";

  /** The structure Fabric stores, fields in the order of its Go struct. */
  StateStructure structure() {
    return new StateStructure(
        DATATYPE,
        List.of(
            Map.entry(LifecycleKeys.SEQUENCE, StateSerializer.int64(sequence)),
            Map.entry(
                DefinitionParameters.ENDORSEMENT_INFO,
                StateSerializer.bytes(parameters.endorsementInfo())),
            Map.entry(
                DefinitionParameters.VALIDATION_INFO,
                StateSerializer.bytes(parameters.validationInfo())),
            Map.entry(
                DefinitionParameters.COLLECTIONS,
                StateSerializer.bytes(parameters.collections()))));
  }

  /**
   * The committed definition of chaincode {@code name}, if it is defined; reads its metadata and
   * fields through {@code state}.
   */
  static Optional<Definition> find(String name, ReadableState state) {
    Optional<StateMetadata> metadata =
        StateSerializer.metadata(LifecycleKeys.NAMESPACES, name, state);
    if (metadata.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(read(name, metadata.get(), state));
  }

  /** Reads the definition whose metadata is {@code metadata}. */
  static Definition read(String name, StateMetadata metadata, ReadableState state) {
    if (!metadata.getDatatype().equals(DATATYPE)) {
      throw new LifecycleException(
          "could not deserialize namespace "
              + name
              + " as chaincode: type name mismatch '"
              + DATATYPE
              + "' != '"
              + metadata.getDatatype()
              + "'");
    }
    long sequence =
        StateSerializer.int64(LifecycleKeys.NAMESPACES, name, LifecycleKeys.SEQUENCE, state);
    return new Definition(
        sequence, DefinitionParameters.read(LifecycleKeys.NAMESPACES, name, state));
  }
}
