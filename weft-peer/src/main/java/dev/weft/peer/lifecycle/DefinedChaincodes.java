package dev.weft.peer.lifecycle;

import dev.weft.peer.chaincode.ChaincodeDefinition;
import dev.weft.peer.chaincode.ChaincodeDefinitions;
import dev.weft.peer.chaincode.ChaincodeException;
import dev.weft.peer.ledger.TxSimulator;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;

/**
 * The committed chaincode definitions as chaincode support needs them before running a chaincode,
 * looked up as Fabric's endorser looks them up: the chaincode's sequence is read through the
 * transaction, so that its read-write set depends on the definition it ran under and a transaction
 * endorsed before an upgrade fails validation after it; the rest of the definition and this
 * organisation's approval come from the same snapshot without being recorded, as Fabric takes them
 * from its lifecycle cache.
 *
 * <p>A chaincode whose definition this organisation has not approved (with the same parameters) is
 * refused, as in Fabric. A chaincode without a definition runs in development mode; unlike Fabric,
 * its (absent) sequence is then not recorded, so development-mode transactions keep read-write sets
 * with only their own namespaces.
 */
public final class DefinedChaincodes implements ChaincodeDefinitions {

  private final String mspId;

  /**
   * @param mspId this peer's organisation, whose approval says which package runs a chaincode
   */
  public DefinedChaincodes(String mspId) {
    this.mspId = mspId;
  }

  @Override
  public Optional<ChaincodeDefinition> find(
      String channelId, String chaincodeName, TxSimulator simulator) {
    ReadableState snapshot = key -> simulator.getStateUnrecorded(LifecycleKeys.NAMESPACE, key);
    long sequence =
        StateSerializer.int64(
            LifecycleKeys.NAMESPACES, chaincodeName, LifecycleKeys.SEQUENCE, snapshot);
    if (sequence == 0) {
      return Optional.empty();
    }
    simulator.getState(LifecycleKeys.NAMESPACE, LifecycleKeys.sequenceKey(chaincodeName));
    Definition definition;
    try {
      definition =
          Definition.find(chaincodeName, snapshot)
              .orElseThrow(
                  () ->
                      new LifecycleException(
                          "chaincode " + chaincodeName + " has a sequence but no definition"));
    } catch (LifecycleException e) {
      throw new ChaincodeException(e.getMessage(), e);
    }
    ReadableState myOrg = key -> snapshot.get(LifecycleKeys.orgPrefix(mspId) + key);
    String approvalName = LifecycleKeys.approvalName(chaincodeName, sequence);
    if (!StateSerializer.mismatches(
            LifecycleKeys.NAMESPACES, approvalName, definition.parameters().structure(), myOrg)
        .isEmpty()) {
      throw new ChaincodeException(
          "chaincode definition for '"
              + chaincodeName
              + "' at sequence "
              + sequence
              + " on channel '"
              + channelId
              + "' has not yet been approved by this org");
    }
    var endorsement = definition.parameters().endorsementInfo();
    return Optional.of(
        new ChaincodeDefinition(
            chaincodeName,
            endorsement.getVersion(),
            sequence,
            endorsement.getInitRequired(),
            packageId(approvalName, myOrg)));
  }

  /** The package this org approved for the definition, if it named one. */
  private static Optional<String> packageId(String approvalName, ReadableState myOrg) {
    Optional<StateMetadata> source =
        StateSerializer.metadata(LifecycleKeys.CHAINCODE_SOURCES, approvalName, myOrg);
    if (source.isEmpty() || !source.get().getDatatype().equals("ChaincodeLocalPackage")) {
      return Optional.empty();
    }
    String packageId =
        StateSerializer.string(
            LifecycleKeys.CHAINCODE_SOURCES, approvalName, LifecycleKeys.PACKAGE_ID, myOrg);
    return packageId.isEmpty() ? Optional.empty() : Optional.of(packageId);
  }
}
