package dev.weft.peer.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_CREATOR_SIGNATURE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_PAYLOAD;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_PROPOSAL_TXID;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.DUPLICATE_TXID;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.ILLEGAL_WRITESET;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_ENDORSER_TRANSACTION;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_OTHER_REASON;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.MVCC_READ_CONFLICT;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.TARGET_CHAIN_NOT_FOUND;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.VALID;

import com.google.protobuf.ByteString;
import dev.weft.peer.channel.Channel;
import dev.weft.peer.channel.GenesisBlock;
import dev.weft.peer.ledger.BlockHashes;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.ledger.TxSimulator;
import dev.weft.peer.metrics.MetricsRegistry;
import dev.weft.peer.metrics.PrometheusText;
import dev.weft.peer.msp.SigningIdentity;
import dev.weft.peer.policy.PolicyExpression;
import dev.weft.peer.testing.TestOrg;
import dev.weft.peer.testing.TransactionEnvelopes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.MetaDataKeys;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fabric's commit-time validation on a two-organisation channel, whose default endorsement policy
 * (MAJORITY Endorsement) needs a peer of each organisation: transactions assembled and signed as a
 * Fabric client assembles them, each rejection marked with Fabric's validation code, nothing of an
 * invalid transaction applied, and the block committed all the same.
 */
class BlockCommitterTest {

  @TempDir static Path directory;
  private static TestOrg org1;
  private static TestOrg org2;
  private static Channel channel;

  private final Ledger ledger = Ledger.inMemory("mychannel", true);
  private final MetricsRegistry metrics = new MetricsRegistry();
  private BlockCommitter committer;
  private long nextBlock = 1;

  @BeforeAll
  static void organisations() {
    org1 = TestOrg.generate(directory.resolve("1"), "org1.example.com", "Org1MSP");
    org2 = TestOrg.generate(directory.resolve("2"), "org2.example.com", "Org2MSP");
    channel =
        Channel.fromConfigBlock(
            GenesisBlock.create(
                "mychannel", List.of(org1.organization(), org2.organization()), Instant.now()));
  }

  private BlockCommitter committer() {
    if (committer == null) {
      committer = new BlockCommitter(channel, ledger, "/Channel/Application/Endorsement", metrics);
    }
    return committer;
  }

  @Test
  void theCommittedBlockIsStoredWithItsTransactionsFilterAndIndexed() {
    TransactionEnvelopes.Built valid = endorsedByBoth(put("k", "v"));
    TransactionEnvelopes.Built refused =
        TransactionEnvelopes.build(spec(put("x", "y")).withEndorsers(List.of(org1.peer())));
    commit(valid.bytes(), refused.bytes());

    Block stored = ledger.blocks().block(1).orElseThrow();
    assertThat(stored.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE))
        .isEqualTo(
            ByteString.copyFrom(
                new byte[] {
                  (byte) VALID.getNumber(), (byte) ENDORSEMENT_POLICY_FAILURE.getNumber()
                }));
    assertThat(ledger.blocks().transaction(refused.txId()).orElseThrow().validationCode())
        .isEqualTo(ENDORSEMENT_POLICY_FAILURE);

    assertThat(ledger.containsTransaction(valid.txId())).isTrue();
  }

  @Test
  void aTransactionEndorsedByBothOrganisationsIsCommittedAndALaterReadSeesIt() {
    TransactionEnvelopes.Built tx = endorsedByBoth(put("k", "v"));

    CommittedBlock block = commit(tx.bytes());

    assertThat(block.validationCodes()).containsExactly(VALID);
    assertThat(block.transactionsFilter().toByteArray()).containsExactly((byte) VALID.getNumber());
    assertThat(value("k")).isEqualTo("v");
    assertThat(ledger.containsTransaction(tx.txId())).isTrue();
  }

  @Test
  void endorsementsOfOneOrganisationDoNotSatisfyTheMajorityAndNothingIsApplied() {
    TransactionEnvelopes.Built tx =
        TransactionEnvelopes.build(spec(put("k", "v")).withEndorsers(List.of(org1.peer())));

    assertThat(commit(tx.bytes()).validationCodes()).containsExactly(ENDORSEMENT_POLICY_FAILURE);
    assertThat(value("k")).isEmpty();
  }

  @Test
  void aForgedEndorsementIsAnEndorsementPolicyFailureAndTheNextTransactionIsStillCommitted() {
    Envelope honest = endorsedByBoth(put("k", "forged")).envelope();
    // The payload's last byte is the last endorsement's signature; the client re-signs the
    // payload, so only that endorsement no longer matches.
    ByteString forgedPayload = flipLastByte(honest.getPayload());
    Envelope forged =
        withPayloadBytes(honest, forgedPayload).toBuilder()
            .setSignature(ByteString.copyFrom(org1.user().sign(forgedPayload.toByteArray())))
            .build();

    CommittedBlock block = commit(forged.toByteString(), endorsedByBoth(put("ok", "1")).bytes());

    assertThat(block.validationCodes()).containsExactly(ENDORSEMENT_POLICY_FAILURE, VALID);
    assertThat(value("k")).isEmpty();
    assertThat(value("ok")).isEqualTo("1");
  }

  @Test
  void anEndorsementSignatureThatDoesNotVerifyCountsForNothing() {
    SigningIdentity impostorPeer =
        TestOrg.generate(directory.resolve("impostor"), "org2.example.com", "Org2MSP").peer();
    TransactionEnvelopes.Built tx =
        TransactionEnvelopes.build(
            spec(put("k", "v")).withEndorsers(List.of(org1.peer(), impostorPeer)));

    assertThat(commit(tx.bytes()).validationCodes()).containsExactly(ENDORSEMENT_POLICY_FAILURE);
  }

  @Test
  void aTransactionWhoseProposalIsNotTheOneEndorsedOrWhoseTxidIsWrongIsRefused() throws Exception {
    Envelope envelope = endorsedByBoth(put("k", "v")).envelope();
    Payload payload = Payload.parseFrom(envelope.getPayload());
    Transaction transaction = Transaction.parseFrom(payload.getData());
    ChaincodeActionPayload action =
        ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
    ChaincodeActionPayload otherProposal =
        action.toBuilder().setChaincodeProposalPayload(bytes("another proposal")).build();
    Payload swapped =
        payload.toBuilder()
            .setData(
                transaction.toBuilder()
                    .setActions(
                        0,
                        transaction.getActions(0).toBuilder()
                            .setPayload(otherProposal.toByteString()))
                    .build()
                    .toByteString())
            .build();
    ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
    Payload wrongTxid =
        payload.toBuilder()
            .setHeader(
                payload.getHeader().toBuilder()
                    .setChannelHeader(header.toBuilder().setTxId("abc").build().toByteString()))
            .build();

    assertThat(commit(signed(swapped), signed(wrongTxid)).validationCodes())
        .containsExactly(INVALID_ENDORSER_TRANSACTION, BAD_PROPOSAL_TXID);
  }

  @Test
  void aTamperedClientSignatureIsABadCreatorSignature() {
    Envelope envelope = endorsedByBoth(put("k", "v")).envelope();
    Envelope tampered =
        envelope.toBuilder().setSignature(flipLastByte(envelope.getSignature())).build();

    assertThat(commit(tampered.toByteString()).validationCodes())
        .containsExactly(BAD_CREATOR_SIGNATURE);
  }

  @Test
  void aDuplicateTxidInTheBlockOrInTheLedgerIsMarkedDuplicate() {
    TransactionEnvelopes.Built tx = endorsedByBoth(put("k", "v"));

    assertThat(commit(tx.bytes(), tx.bytes()).validationCodes())
        .containsExactly(VALID, DUPLICATE_TXID);
    assertThat(commit(tx.bytes()).validationCodes()).containsExactly(DUPLICATE_TXID);
  }

  @Test
  void aTxidFirstCarriedByAnInvalidTransactionIsStillValidLaterInTheBlockAsInFabric() {
    byte[] nonce = new byte[24];
    TransactionEnvelopes.Built underEndorsed =
        TransactionEnvelopes.build(spec(put("k", "a")).withEndorsers(List.of(org1.peer())), nonce);
    TransactionEnvelopes.Built endorsed = TransactionEnvelopes.build(spec(put("k", "b")), nonce);
    assertThat(endorsed.txId()).isEqualTo(underEndorsed.txId());

    assertThat(commit(underEndorsed.bytes(), endorsed.bytes(), endorsed.bytes()).validationCodes())
        .containsExactly(ENDORSEMENT_POLICY_FAILURE, VALID, DUPLICATE_TXID);
    assertThat(value("k")).isEqualTo("b");
  }

  @Test
  void aTransactionThatReadAKeyChangedEarlierInTheBlockIsAnMvccConflictAndItsWritesAreDropped() {
    commit(endorsedByBoth(put("k", "0")).bytes());
    TxReadWriteSet first =
        simulate(sim -> sim.setState("cc", "k", sim.getState("cc", "k").concat(bytes("a"))));
    TxReadWriteSet second =
        simulate(
            sim -> {
              sim.setState("cc", "k", sim.getState("cc", "k").concat(bytes("b")));
              sim.setState("cc", "other", bytes("x"));
            });

    CommittedBlock block = commit(endorsedByBoth(first).bytes(), endorsedByBoth(second).bytes());

    assertThat(block.validationCodes()).containsExactly(VALID, MVCC_READ_CONFLICT);
    assertThat(value("k")).isEqualTo("0a");
    assertThat(value("other")).isEmpty();
  }

  @Test
  void bytesThatAreNotATransactionAreMarkedAndTheBlockIsStillCommitted() {
    CommittedBlock block =
        commit(
            ByteString.copyFrom(new byte[] {0x0a, 0x7f}),
            Envelope.newBuilder()
                .setPayload(ByteString.copyFromUtf8("\u0012\u0009x"))
                .build()
                .toByteString(),
            endorsedByBoth(put("k", "v")).bytes());

    assertThat(block.validationCodes()).containsExactly(INVALID_OTHER_REASON, BAD_PAYLOAD, VALID);
    assertThat(value("k")).isEqualTo("v");
  }

  @Test
  void aTransactionForAnotherChannelOrWritingASystemNamespaceIsRefused() {
    TransactionEnvelopes.Built elsewhere =
        TransactionEnvelopes.build(spec(put("k", "v")).withChannel("otherchannel"));
    TxReadWriteSet lifecycleWrite =
        simulate(sim -> sim.setState("_lifecycle", "namespaces/fields/cc/Sequence", bytes("9")));

    assertThat(commit(elsewhere.bytes(), endorsedByBoth(lifecycleWrite).bytes()).validationCodes())
        .containsExactly(TARGET_CHAIN_NOT_FOUND, ILLEGAL_WRITESET);
  }

  @Test
  void aKeyWithAKeyLevelPolicyNeedsOnlyThatPolicyAndNotTheChaincodes() {
    commit(endorsedByBoth(put("guarded", "0")).bytes());
    commit(endorsedByBoth(guardBy("guarded", "OR('Org2MSP.peer')")).bytes());

    CommittedBlock block =
        commit(
            endorsedBy(put("guarded", "by org2"), org2.peer()).bytes(),
            endorsedBy(put("guarded", "by org1"), org1.peer()).bytes(),
            endorsedBy(putBoth("guarded", "free"), org2.peer()).bytes());

    // Org2 alone satisfies the key's policy; Org1 alone does not; a write of a key without its
    // own policy still needs the chaincode's (both organisations).
    assertThat(block.validationCodes())
        .containsExactly(VALID, ENDORSEMENT_POLICY_FAILURE, ENDORSEMENT_POLICY_FAILURE);
    assertThat(value("guarded")).isEqualTo("by org2");
    assertThat(value("free")).isEmpty();
  }

  @Test
  void aKeyLevelPolicyAlsoGuardsChangesOfTheKeysMetadata() {
    commit(endorsedByBoth(put("guarded", "0")).bytes());
    commit(endorsedByBoth(guardBy("guarded", "OR('Org2MSP.peer')")).bytes());

    assertThat(
            commit(endorsedBy(guardBy("guarded", "OR('Org1MSP.peer')"), org1.peer()).bytes())
                .validationCodes())
        .containsExactly(ENDORSEMENT_POLICY_FAILURE);
    assertThat(
            commit(endorsedBy(guardBy("guarded", "OR('Org1MSP.peer')"), org2.peer()).bytes())
                .validationCodes())
        .containsExactly(VALID);
    // Now Org1's.
    assertThat(commit(endorsedBy(put("guarded", "1"), org1.peer()).bytes()).validationCodes())
        .containsExactly(VALID);
  }

  @Test
  void aWriteOfAKeyWhosePolicyAnEarlierTransactionOfTheBlockChangedFails() {
    commit(endorsedByBoth(put("guarded", "0")).bytes());

    CommittedBlock block =
        commit(
            endorsedByBoth(guardBy("guarded", "OR('Org2MSP.peer')")).bytes(),
            endorsedByBoth(put("guarded", "1")).bytes(),
            endorsedByBoth(put("other", "1")).bytes());

    assertThat(block.validationCodes()).containsExactly(VALID, ENDORSEMENT_POLICY_FAILURE, VALID);
    assertThat(value("guarded")).isEqualTo("0");
    // Once committed, the new policy applies: Org2 alone may now write the key.
    assertThat(commit(endorsedBy(put("guarded", "2"), org2.peer()).bytes()).validationCodes())
        .containsExactly(VALID);
  }

  @Test
  void aMetadataChangeByATransactionThatFailedItsEndorsementCheckDoesNotBlockLaterOnes() {
    commit(endorsedByBoth(put("guarded", "0")).bytes());

    CommittedBlock block =
        commit(
            endorsedBy(guardBy("guarded", "OR('Org2MSP.peer')"), org1.peer()).bytes(),
            endorsedByBoth(put("guarded", "1")).bytes());

    assertThat(block.validationCodes()).containsExactly(ENDORSEMENT_POLICY_FAILURE, VALID);
    assertThat(value("guarded")).isEqualTo("1");
  }

  @Test
  void everyCommittedTransactionIsCountedByTypeChaincodeAndValidationCodeAsFabricCountsThem() {
    commit(endorsedByBoth(put("k", "0")).bytes());
    TxReadWriteSet first =
        simulate(sim -> sim.setState("cc", "k", sim.getState("cc", "k").concat(bytes("a"))));
    TxReadWriteSet second =
        simulate(sim -> sim.setState("cc", "k", sim.getState("cc", "k").concat(bytes("b"))));
    TransactionEnvelopes.Built refused = endorsedBy(put("x", "y"), org1.peer());

    commit(endorsedByBoth(first).bytes(), endorsedByBoth(second).bytes(), refused.bytes());

    // What the ledger checked has its type and chaincode; what the committer refused before is
    // unknown, as in Fabric.
    assertThat(PrometheusText.render(metrics))
        .contains(
            "ledger_transaction_count{chaincode=\"cc:1.0\",channel=\"mychannel\","
                + "transaction_type=\"ENDORSER_TRANSACTION\",validation_code=\"VALID\"} 2\n",
            "ledger_transaction_count{chaincode=\"cc:1.0\",channel=\"mychannel\","
                + "transaction_type=\"ENDORSER_TRANSACTION\","
                + "validation_code=\"MVCC_READ_CONFLICT\"} 1\n",
            "ledger_transaction_count{chaincode=\"unknown\",channel=\"mychannel\","
                + "transaction_type=\"unknown\",validation_code=\"ENDORSEMENT_POLICY_FAILURE\"}"
                + " 1\n",
            "ledger_blockchain_height{channel=\"mychannel\"} 3\n",
            "ledger_block_processing_time_count{channel=\"mychannel\"} 2\n",
            "ledger_blockstorage_and_pvtdata_commit_time_count{channel=\"mychannel\"} 2\n",
            "ledger_block_processing_time_bucket{channel=\"mychannel\",le=\"0.015\"} ");
  }

  private CommittedBlock commit(ByteString... transactions) {
    Block block =
        Block.newBuilder()
            .setHeader(
                BlockHeader.newBuilder()
                    .setNumber(nextBlock++)
                    .setPreviousHash(
                        ledger
                            .blocks()
                            .lastBlock()
                            .map(
                                last ->
                                    ByteString.copyFrom(BlockHashes.headerHash(last.getHeader())))
                            .orElse(ByteString.EMPTY)))
            .setData(BlockData.newBuilder().addAllData(List.of(transactions)))
            .build();
    return committer().commit(block);
  }

  private TransactionEnvelopes.Spec spec(TxReadWriteSet readWriteSet) {
    return new TransactionEnvelopes.Spec(
        org1.user(), "mychannel", "cc", "1.0", readWriteSet, List.of(org1.peer(), org2.peer()));
  }

  private TransactionEnvelopes.Built endorsedByBoth(TxReadWriteSet readWriteSet) {
    return TransactionEnvelopes.build(spec(readWriteSet));
  }

  private TransactionEnvelopes.Built endorsedBy(TxReadWriteSet readWriteSet, SigningIdentity peer) {
    return TransactionEnvelopes.build(spec(readWriteSet).withEndorsers(List.of(peer)));
  }

  /** Sets a key's key-level endorsement policy, as the shim's SetStateValidationParameter does. */
  private TxReadWriteSet guardBy(String key, String expression) {
    return simulate(
        sim ->
            sim.setStateMetadata(
                "cc",
                key,
                Map.of(
                    MetaDataKeys.VALIDATION_PARAMETER.name(),
                    PolicyExpression.parse(expression).toByteString())));
  }

  private TxReadWriteSet putBoth(String guarded, String free) {
    return simulate(
        sim -> {
          sim.setState("cc", guarded, bytes("both"));
          sim.setState("cc", free, bytes("both"));
        });
  }

  private TxReadWriteSet put(String key, String value) {
    return simulate(sim -> sim.setState("cc", key, bytes(value)));
  }

  private TxReadWriteSet simulate(Consumer<TxSimulator> chaincode) {
    try (TxSimulator sim = ledger.newTxSimulator("simulation")) {
      chaincode.accept(sim);
      return sim.simulationResults();
    }
  }

  private String value(String key) {
    try (TxSimulator sim = ledger.newTxSimulator("read")) {
      return sim.getState("cc", key).toStringUtf8();
    }
  }

  private static ByteString bytes(String text) {
    return ByteString.copyFromUtf8(text);
  }

  private static ByteString signed(Payload payload) {
    ByteString bytes = payload.toByteString();
    return Envelope.newBuilder()
        .setPayload(bytes)
        .setSignature(ByteString.copyFrom(org1.user().sign(bytes.toByteArray())))
        .build()
        .toByteString();
  }

  private static ByteString flipLastByte(ByteString bytes) {
    byte[] copy = bytes.toByteArray();
    copy[copy.length - 1] ^= 0x01;
    return ByteString.copyFrom(copy);
  }

  private static Envelope withPayloadBytes(Envelope envelope, ByteString payload) {
    try {
      Payload.parseFrom(payload); // still a payload: the change is inside the transaction
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
    return envelope.toBuilder().setPayload(payload).build();
  }
}
