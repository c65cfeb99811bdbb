package dev.weft.peer.node;

import com.google.protobuf.ByteString;
import dev.weft.peer.commit.ChaincodeValidationInfo;
import dev.weft.peer.ledger.StateSnapshot;
import dev.weft.peer.lifecycle.CommittedDefinitions;
import dev.weft.peer.lifecycle.LifecycleKeys;
import java.util.Optional;

/** The committer's view of the chaincode definitions, answered by the lifecycle. */
final class LifecycleValidationInfo implements ChaincodeValidationInfo {

  private final CommittedDefinitions definitions = new CommittedDefinitions();

  @Override
  public long sequence(String namespace, StateSnapshot committed) {
    return definitions.sequence(namespace, committed);
  }

  @Override
  public ByteString validationParameter(String namespace, StateSnapshot committed) {
    return definitions.validationParameter(namespace, committed);
  }

  @Override
  public Optional<String> approvingOrg(String lifecycleKey) {
    return LifecycleKeys.approvingOrg(lifecycleKey);
  }
}
