package dev.weft.peer.lifecycle;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;

/**
 * The parts of a chaincode definition an organisation approves, besides the sequence: Fabric's
 * {@code ChaincodeParameters}, stored as such in an approval.
 *
 * @param endorsementInfo version, endorsement plugin, init required
 * @param validationInfo validation plugin and parameter (the endorsement policy)
 * @param collections the private data collections (an empty package when there are none)
 */
record DefinitionParameters(
    ChaincodeEndorsementInfo endorsementInfo,
    ChaincodeValidationInfo validationInfo,
    CollectionConfigPackage collections) {

  static final String DATATYPE = "ChaincodeParameters";
  static final String ENDORSEMENT_INFO = "EndorsementInfo";
  static final String VALIDATION_INFO = "ValidationInfo";
  static final String COLLECTIONS = "Collections";

  /** The structure Fabric stores, fields in the order of its Go struct. */
  StateStructure structure() {
    return new StateStructure(
        DATATYPE,
        List.of(
            Map.entry(ENDORSEMENT_INFO, StateSerializer.bytes(endorsementInfo)),
            Map.entry(VALIDATION_INFO, StateSerializer.bytes(validationInfo)),
            Map.entry(COLLECTIONS, StateSerializer.bytes(collections))));
  }

  /** Reads the parameters stored as {@code name}, whatever their metadata says. */
  static DefinitionParameters read(String namespace, String name, ReadableState state) {
    return new DefinitionParameters(
        StateSerializer.message(
            namespace, name, ENDORSEMENT_INFO, ChaincodeEndorsementInfo.parser(), state),
        StateSerializer.message(
            namespace, name, VALIDATION_INFO, ChaincodeValidationInfo.parser(), state),
        StateSerializer.message(
            namespace, name, COLLECTIONS, CollectionConfigPackage.parser(), state));
  }

  /**
   * What differs between these (expected) parameters and {@code passed}, in Fabric's words; empty
   * when they are equal.
   */
  Optional<String> difference(DefinitionParameters passed) {
    ChaincodeEndorsementInfo e = endorsementInfo;
    ChaincodeEndorsementInfo pe = passed.endorsementInfo;
    ChaincodeValidationInfo v = validationInfo;
    ChaincodeValidationInfo pv = passed.validationInfo;
    if (!e.getVersion().equals(pe.getVersion())) {
      return mismatch("Version", e.getVersion(), pe.getVersion());
    }
    if (!e.getEndorsementPlugin().equals(pe.getEndorsementPlugin())) {
      return mismatch("EndorsementPlugin", e.getEndorsementPlugin(), pe.getEndorsementPlugin());
    }
    if (e.getInitRequired() != pe.getInitRequired()) {
      return Optional.of(
          "expected InitRequired '"
              + e.getInitRequired()
              + "' does not match passed InitRequired '"
              + pe.getInitRequired()
              + "'");
    }
    if (!v.getValidationPlugin().equals(pv.getValidationPlugin())) {
      return mismatch("ValidationPlugin", v.getValidationPlugin(), pv.getValidationPlugin());
    }
    if (!v.getValidationParameter().equals(pv.getValidationParameter())) {
      HexFormat hex = HexFormat.of();
      return mismatch(
          "ValidationParameter",
          hex.formatHex(v.getValidationParameter().toByteArray()),
          hex.formatHex(pv.getValidationParameter().toByteArray()));
    }
    if (!collections.equals(passed.collections)) {
      return Optional.of("Collections do not match");
    }
    return Optional.empty();
  }

  private static Optional<String> mismatch(String field, String expected, String passed) {
    return Optional.of(
        "expected "
            + field
            + " '"
            + expected
            + "' does not match passed "
            + field
            + " '"
            + passed
            + "'");
  }
}
