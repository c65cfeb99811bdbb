package dev.weft.peer.commit;

import com.google.protobuf.ByteString;
import dev.weft.peer.ledger.StateSnapshot;
import java.util.Optional;

/**
 * What the committer needs from the committed chaincode definitions (implemented by the lifecycle,
 * connected by the node): a namespace's definition sequence and endorsement policy, and which keys
 * of {@code _lifecycle} hold an organisation's approvals. Everything is read from the committed
 * state before the block being validated, as Fabric's validator reads it.
 */
public interface ChaincodeValidationInfo {

  /** No definitions: every namespace is validated against the configured policy. */
  ChaincodeValidationInfo NONE =
      new ChaincodeValidationInfo() {
        @Override
        public long sequence(String namespace, StateSnapshot committed) {
          return 0;
        }

        @Override
        public ByteString validationParameter(String namespace, StateSnapshot committed) {
          return ByteString.EMPTY;
        }

        @Override
        public Optional<String> approvingOrg(String lifecycleKey) {
          return Optional.empty();
        }
      };

  /** The sequence of the namespace's committed definition; 0 when it has none. */
  long sequence(String namespace, StateSnapshot committed);

  /**
   * The validation parameter of the namespace's committed definition: a marshalled {@code
   * ApplicationPolicy} (a signature policy or a reference to a channel policy).
   */
  ByteString validationParameter(String namespace, StateSnapshot committed);

  /**
   * The MSP id of the organisation whose approvals a key of {@code _lifecycle} holds; empty for the
   * keys of committed definitions.
   */
  Optional<String> approvingOrg(String lifecycleKey);
}
