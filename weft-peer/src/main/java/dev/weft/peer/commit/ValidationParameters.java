package dev.weft.peer.commit;

import static org.hyperledger.fabric.protos.peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE;

import com.google.protobuf.ByteString;
import dev.weft.peer.ledger.StateSnapshot;
import dev.weft.peer.ledger.VersionedValue;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.MetaDataKeys;

/**
 * The key-level endorsement policies (validation parameters) of one block's validation: a key's
 * {@code VALIDATION_PARAMETER} metadata in the committed state, unless a transaction earlier in the
 * block that passed its endorsement check wrote the key's metadata. Then the key's policy is
 * unknown until that transaction commits, and Fabric fails the later transaction's endorsement
 * check; so does this.
 */
final class ValidationParameters {

  private record NamespaceKey(String namespace, String key) {}

  private static final String VALIDATION_PARAMETER = MetaDataKeys.VALIDATION_PARAMETER.name();

  private final StateSnapshot committed;
  private final long blockNumber;
  private final Map<NamespaceKey, Integer> changedBy = new HashMap<>();

  /**
   * @param committed the state before the block
   */
  ValidationParameters(StateSnapshot committed, long blockNumber) {
    this.committed = committed;
    this.blockNumber = blockNumber;
  }

  /** The key's serialized {@code SignaturePolicyEnvelope}, if it has a key-level policy. */
  Optional<ByteString> of(String namespace, String key, String txId) throws TransactionRejected {
    Integer changer = changedBy.get(new NamespaceKey(namespace, key));
    if (changer != null) {
      throw new TransactionRejected(
          ENDORSEMENT_POLICY_FAILURE,
          "validation parameters for key ["
              + key
              + "] in namespace ["
              + namespace
              + "] were changed by transaction "
              + changer
              + " of block "
              + blockNumber
              + ", before transaction "
              + txId
              + " in the same block");
    }
    return committed
        .get(namespace, key)
        .map(VersionedValue::metadata)
        .map(metadata -> metadata.get(VALIDATION_PARAMETER))
        .filter(policy -> !policy.isEmpty());
  }

  /** Records that transaction {@code txNum}, valid so far, writes these keys' metadata. */
  void changed(String namespace, Collection<String> keys, int txNum) {
    for (String key : keys) {
      changedBy.putIfAbsent(new NamespaceKey(namespace, key), txNum);
    }
  }
}
