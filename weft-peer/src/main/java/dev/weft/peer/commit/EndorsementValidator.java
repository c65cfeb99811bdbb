package dev.weft.peer.commit;

import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_RWSET;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.ILLEGAL_WRITESET;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.msp.Msps;
import dev.weft.peer.policy.Policy;
import dev.weft.peer.policy.PolicyException;
import dev.weft.peer.policy.SignaturePolicy;
import dev.weft.peer.policy.SignatureSet;
import dev.weft.peer.policy.SignedData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.Endorsement;

/**
 * The endorsement check of Fabric's default validation plugin, in two steps:
 *
 * <ol>
 *   <li>{@link #check}, for any transaction on any thread: the read-write set parses, no system
 *       namespace is written (except {@code _lifecycle} by the lifecycle itself), and each
 *       endorsement's signature (over the proposal response payload followed by the endorser's
 *       identity) is verified — the expensive part.
 *   <li>{@link #validate}, in block order: for the invoked chaincode and every namespace the
 *       transaction writes, each written key (value or metadata) must satisfy its key-level
 *       (state-based) endorsement policy if it has one, and otherwise the namespace's endorsement
 *       policy (see {@link EndorsementPolicies}; in {@code _lifecycle}, the policy of what the key
 *       holds); a namespace whose writes all have key-level policies does not need its own policy,
 *       one with no writes does. A key whose metadata an earlier transaction of the block changed
 *       fails, as in Fabric: its policy is not known until that one commits.
 * </ol>
 */
final class EndorsementValidator {

  private static final Set<String> SYSTEM_NAMESPACES = Set.of("lscc", "cscc", "qscc", "_lifecycle");

  /**
   * A transaction whose endorsement signatures are verified.
   *
   * @param tx the transaction
   * @param writes the keys it writes (values, then metadata), by namespace, invoked chaincode first
   * @param metadataWrites the keys whose metadata it writes, by namespace
   * @param endorsements the endorsements, signatures verified
   */
  record Checked(
      EndorsedTransaction tx,
      Map<String, List<String>> writes,
      Map<String, List<String>> metadataWrites,
      SignatureSet endorsements) {}

  private final Msps msps;

  /**
   * @param msps the channel's MSPs, which judge endorsers and key-level policies' principals
   */
  EndorsementValidator(Msps msps) {
    this.msps = msps;
  }

  Checked check(EndorsedTransaction tx) throws TransactionRejected {
    Map<String, List<String>> writes = new LinkedHashMap<>();
    Map<String, List<String>> metadataWrites = new LinkedHashMap<>();
    writes.put(tx.chaincodeName(), new ArrayList<>());
    for (NsReadWriteSet ns : tx.readWriteSet().getNsRwsetList()) {
      KVRWSet kv;
      try {
        kv = KVRWSet.parseFrom(ns.getRwset());
      } catch (InvalidProtocolBufferException e) {
        throw new TransactionRejected(
            BAD_RWSET, "malformed read-write set for namespace " + ns.getNamespace());
      }
      boolean writesNamespace =
          kv.getWritesCount() > 0
              || kv.getMetadataWritesCount() > 0
              || ns.getCollectionHashedRwsetCount() > 0;
      if (!writesNamespace) {
        continue;
      }
      // Only the lifecycle itself writes its state (its definitions and approvals).
      boolean ownNamespace =
          ns.getNamespace().equals(EndorsementPolicies.LIFECYCLE)
              && tx.chaincodeName().equals(EndorsementPolicies.LIFECYCLE);
      if (SYSTEM_NAMESPACES.contains(ns.getNamespace()) && !ownNamespace) {
        throw new TransactionRejected(
            ILLEGAL_WRITESET,
            "chaincode " + tx.chaincodeName() + " writes to namespace " + ns.getNamespace());
      }
      List<String> keys = writes.computeIfAbsent(ns.getNamespace(), n -> new ArrayList<>());
      kv.getWritesList().stream().map(KVWrite::getKey).forEach(keys::add);
      List<String> metadataKeys =
          kv.getMetadataWritesList().stream().map(KVMetadataWrite::getKey).toList();
      keys.addAll(metadataKeys);
      metadataWrites
          .computeIfAbsent(ns.getNamespace(), n -> new ArrayList<>())
          .addAll(metadataKeys);
    }
    SignatureSet endorsements = endorsements(tx);
    endorsements.verifiedIdentities(msps); // verified now, on this thread; kept in the set
    return new Checked(tx, writes, metadataWrites, endorsements);
  }

  /**
   * Checks the policies; call in block order with the block's {@code parameters}, which learn the
   * metadata writes of each namespace that passes, and the block's {@code policies}. A key without
   * a key-level policy is guarded by its namespace's policy, or, in {@code _lifecycle}, by the
   * policy of what it holds; each policy is evaluated once per transaction.
   */
  void validate(
      Checked checked,
      ValidationParameters parameters,
      EndorsementPolicies.ForBlock policies,
      int txNum)
      throws TransactionRejected {
    for (Map.Entry<String, List<String>> namespace : checked.writes().entrySet()) {
      String ns = namespace.getKey();
      Set<Policy> satisfied = Collections.newSetFromMap(new IdentityHashMap<>());
      boolean somePolicyChecked = false;
      for (String key : namespace.getValue()) {
        Optional<ByteString> keyPolicy = parameters.of(ns, key, checked.tx().txId());
        if (keyPolicy.isEmpty()) {
          Policy policy = policies.keyPolicy(ns, key);
          if (satisfied.add(policy)) {
            requirePolicy(ns, policy, checked);
          }
          somePolicyChecked = true;
          continue;
        }
        requireKeyPolicy(ns, key, keyPolicy.get(), checked);
        somePolicyChecked = true;
      }
      if (!somePolicyChecked) {
        requirePolicy(ns, policies.namespacePolicy(ns), checked);
      }
      parameters.changed(ns, checked.metadataWrites().getOrDefault(ns, List.of()), txNum);
    }
  }

  private void requirePolicy(String namespace, Policy policy, Checked checked)
      throws TransactionRejected {
    try {
      policy.evaluate(checked.endorsements());
    } catch (PolicyException e) {
      throw new TransactionRejected(
          ENDORSEMENT_POLICY_FAILURE,
          "validation of endorsement policy for chaincode "
              + namespace
              + " in tx "
              + checked.tx().txId()
              + " failed: "
              + e.getMessage());
    }
  }

  private void requireKeyPolicy(String namespace, String key, ByteString policy, Checked checked)
      throws TransactionRejected {
    try {
      SignaturePolicy.of(policy, msps).evaluate(checked.endorsements());
    } catch (PolicyException e) {
      throw new TransactionRejected(
          ENDORSEMENT_POLICY_FAILURE,
          "validation of key "
              + key
              + " (namespace "
              + namespace
              + ") in tx "
              + checked.tx().txId()
              + " failed against its key-level endorsement policy: "
              + e.getMessage());
    }
  }

  private static SignatureSet endorsements(EndorsedTransaction tx) {
    List<SignedData> signed = new ArrayList<>(tx.endorsements().size());
    for (Endorsement endorsement : tx.endorsements()) {
      signed.add(
          new SignedData(
              tx.proposalResponsePayload().concat(endorsement.getEndorser()),
              endorsement.getEndorser(),
              endorsement.getSignature()));
    }
    // One set for every policy: each signature is verified once.
    return SignatureSet.of(signed);
  }
}
