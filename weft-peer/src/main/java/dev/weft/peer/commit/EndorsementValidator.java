package dev.weft.peer.commit;

import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_RWSET;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.ILLEGAL_WRITESET;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.policy.Policy;
import dev.weft.peer.policy.PolicyException;
import dev.weft.peer.policy.SignatureSet;
import dev.weft.peer.policy.SignedData;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.Endorsement;

/**
 * The endorsement check of Fabric's default validation plugin: the invoked chaincode and every
 * namespace the transaction writes must have endorsements satisfying that namespace's endorsement
 * policy, each endorsement being the endorser's signature over the proposal response payload
 * followed by the endorser's identity. System namespaces cannot be written by a transaction.
 *
 * <p>Key-level (state-based) endorsement policies are not applied yet.
 */
final class EndorsementValidator {

  private static final Set<String> SYSTEM_NAMESPACES = Set.of("lscc", "cscc", "qscc", "_lifecycle");

  private final Function<String, Policy> endorsementPolicy;

  /**
   * @param endorsementPolicy the endorsement policy of a namespace (a chaincode)
   */
  EndorsementValidator(Function<String, Policy> endorsementPolicy) {
    this.endorsementPolicy = endorsementPolicy;
  }

  void validate(EndorsedTransaction tx) throws TransactionRejected {
    Set<String> namespaces = new LinkedHashSet<>();
    namespaces.add(tx.chaincodeName());
    for (NsReadWriteSet ns : tx.readWriteSet().getNsRwsetList()) {
      KVRWSet kv;
      try {
        kv = KVRWSet.parseFrom(ns.getRwset());
      } catch (InvalidProtocolBufferException e) {
        throw new TransactionRejected(
            BAD_RWSET, "malformed read-write set for namespace " + ns.getNamespace());
      }
      boolean writes =
          kv.getWritesCount() > 0
              || kv.getMetadataWritesCount() > 0
              || ns.getCollectionHashedRwsetCount() > 0;
      if (writes && SYSTEM_NAMESPACES.contains(ns.getNamespace())) {
        throw new TransactionRejected(
            ILLEGAL_WRITESET,
            "chaincode " + tx.chaincodeName() + " writes to namespace " + ns.getNamespace());
      }
      if (writes) {
        namespaces.add(ns.getNamespace());
      }
    }
    SignatureSet endorsements = endorsements(tx);
    for (String namespace : namespaces) {
      try {
        endorsementPolicy.apply(namespace).evaluate(endorsements);
      } catch (PolicyException e) {
        throw new TransactionRejected(
            ENDORSEMENT_POLICY_FAILURE,
            "validation of endorsement policy for chaincode "
                + namespace
                + " in tx "
                + tx.txId()
                + " failed: "
                + e.getMessage());
      }
    }
  }

  private SignatureSet endorsements(EndorsedTransaction tx) {
    List<SignedData> signed = new ArrayList<>(tx.endorsements().size());
    for (Endorsement endorsement : tx.endorsements()) {
      signed.add(
          new SignedData(
              tx.proposalResponsePayload().concat(endorsement.getEndorser()),
              endorsement.getEndorser(),
              endorsement.getSignature()));
    }
    // One set for every namespace's policy: each signature is verified once.
    return SignatureSet.of(signed);
  }
}
