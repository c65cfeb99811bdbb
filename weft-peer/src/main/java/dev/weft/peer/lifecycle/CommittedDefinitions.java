package dev.weft.peer.lifecycle;

import com.google.protobuf.ByteString;
import dev.weft.peer.ledger.StateSnapshot;
import dev.weft.peer.ledger.VersionedValue;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;

/**
 * The committed chaincode definitions as the committer needs them: a chaincode's sequence and
 * endorsement policy, read from the committed state (Fabric's {@code ValidatorCommitter}).
 */
public final class CommittedDefinitions {

  /** The sequence of the chaincode's committed definition; 0 when it has none. */
  public long sequence(String chaincodeName, StateSnapshot committed) {
    return StateSerializer.int64(
        LifecycleKeys.NAMESPACES, chaincodeName, LifecycleKeys.SEQUENCE, state(committed));
  }

  /**
   * The validation parameter of the chaincode's committed definition: a marshalled {@code
   * ApplicationPolicy}.
   */
  public ByteString validationParameter(String chaincodeName, StateSnapshot committed) {
    return StateSerializer.message(
            LifecycleKeys.NAMESPACES,
            chaincodeName,
            DefinitionParameters.VALIDATION_INFO,
            ChaincodeValidationInfo.parser(),
            state(committed))
        .getValidationParameter();
  }

  private static ReadableState state(StateSnapshot committed) {
    return key ->
        committed
            .get(LifecycleKeys.NAMESPACE, key)
            .map(VersionedValue::value)
            .orElse(ByteString.EMPTY);
  }
}
