package dev.weft.peer.ordering;

import static dev.weft.peer.testing.TestNode.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.GET_STATE;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.PUT_STATE;

import com.google.protobuf.ByteString;
import dev.weft.peer.ledger.BlockHashes;
import dev.weft.peer.msp.SigningIdentity;
import dev.weft.peer.testing.ProposalClient;
import dev.weft.peer.testing.ScriptedChaincode;
import dev.weft.peer.testing.TestNode;
import dev.weft.peer.testing.TestOrg;
import dev.weft.peer.testing.TransactionEnvelopes;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole transaction flow on one Weft peer: a proposal endorsed over gRPC, the transaction
 * assembled from the response as a Fabric client assembles it, broadcast to the embedded orderer,
 * ordered alone into a block at once, validated and committed; a later proposal reads the value.
 */
class EndorseOrderCommitTest {

  @TempDir static Path directory;
  private static TestNode node;
  private static ScriptedChaincode chaincode;
  private static SigningIdentity user;
  private static ProposalClient client;

  @BeforeAll
  static void start() {
    node = TestNode.start(directory.resolve("peer"));
    chaincode = ScriptedChaincode.register(node.peer().chaincodeAddress(), "cc:1.0");
    user = node.org().user();
    client = new ProposalClient(user);
  }

  @AfterAll
  static void stop() {
    chaincode.close();
    node.close();
  }

  @Test
  void anEndorsedTransactionBroadcastAloneIsCommittedAtOnceAndALaterReadSeesIt() throws Exception {
    ProposalClient.Built put = client.proposal(CHANNEL, "cc", "put", "k", "v");
    CompletableFuture<ProposalResponse> endorsing = node.send(put.signed());
    ChaincodeMessage tx = chaincode.expect(ChaincodeMessage.Type.TRANSACTION);
    chaincode.call(
        PUT_STATE,
        CHANNEL,
        tx.getTxid(),
        PutState.newBuilder().setKey("k").setValue(ByteString.copyFromUtf8("v")).build());
    complete(tx, "");
    ProposalResponse endorsed = endorsing.get(10, TimeUnit.SECONDS);
    assertThat(endorsed.hasEndorsement()).isTrue();

    Envelope transaction =
        TransactionEnvelopes.fromEndorsements(put.proposal(), List.of(endorsed), user);
    assertThat(node.broadcast(transaction).get(10, TimeUnit.SECONDS).getStatus())
        .isEqualTo(Status.SUCCESS);
    awaitCommitted(put.txId());

    ProposalClient.Built get = client.proposal(CHANNEL, "cc", "get", "k");
    CompletableFuture<ProposalResponse> reading = node.send(get.signed());
    ChaincodeMessage readTx = chaincode.expect(ChaincodeMessage.Type.TRANSACTION);
    ChaincodeMessage value =
        chaincode.call(
            GET_STATE, CHANNEL, readTx.getTxid(), GetState.newBuilder().setKey("k").build());
    assertThat(value.getPayload().toStringUtf8()).isEqualTo("v");
    complete(readTx, "");
    reading.get(10, TimeUnit.SECONDS);
    assertThat(node.ledger().height().orElseThrow().blockNum()).isEqualTo(1);
  }

  @Test
  @SuppressWarnings("deprecation") // LAST_CONFIG, which Fabric's orderer still writes
  void theOrdererSignsEachBlockWithThePeersIdentityAsFabricsOrdererDoes() throws Exception {
    node.commitWrite("signed", "v");
    Block committed = node.ledger().blocks().lastBlock().orElseThrow();

    Metadata signatures =
        Metadata.parseFrom(
            committed.getMetadata().getMetadata(BlockMetadataIndex.SIGNATURES_VALUE));
    MetadataSignature signature = signatures.getSignatures(0);
    SigningIdentity peer = node.peer().identity();
    assertThat(SignatureHeader.parseFrom(signature.getSignatureHeader()).getCreator())
        .isEqualTo(peer.serialized());
    Signature jdk = Signature.getInstance("SHA256withECDSA");
    jdk.initVerify(peer.identity().certificate().getPublicKey());
    jdk.update(
        signatures
            .getValue()
            .concat(signature.getSignatureHeader())
            .concat(ByteString.copyFrom(BlockHashes.headerBytes(committed.getHeader())))
            .toByteArray());
    assertThat(jdk.verify(signature.getSignature().toByteArray())).isTrue();
    assertThat(OrdererBlockMetadata.parseFrom(signatures.getValue()).getLastConfig().getIndex())
        .isZero();
    assertThat(
            LastConfig.parseFrom(
                    Metadata.parseFrom(
                            committed
                                .getMetadata()
                                .getMetadata(BlockMetadataIndex.LAST_CONFIG_VALUE))
                        .getValue())
                .getIndex())
        .isZero();
  }

  @Test
  void broadcastRefusesUnknownChannelsAndSignaturesTheWritersPolicyRejects() throws Exception {
    TestOrg stranger =
        TestOrg.generate(directory.resolve("stranger"), "org9.example.com", "Org9MSP");
    Envelope foreign =
        TransactionEnvelopes.build(
                new TransactionEnvelopes.Spec(
                    stranger.user(),
                    CHANNEL,
                    "cc",
                    "1.0",
                    org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet.getDefaultInstance(),
                    List.of()))
            .envelope();
    Envelope elsewhere =
        TransactionEnvelopes.build(
                new TransactionEnvelopes.Spec(
                    user,
                    "nochannel",
                    "cc",
                    "1.0",
                    org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet.getDefaultInstance(),
                    List.of()))
            .envelope();

    assertThat(node.broadcast(foreign).get(10, TimeUnit.SECONDS).getStatus())
        .isEqualTo(Status.FORBIDDEN);
    assertThat(node.broadcast(elsewhere).get(10, TimeUnit.SECONDS).getStatus())
        .isEqualTo(Status.NOT_FOUND);
    assertThat(
            node.broadcast(
                    Envelope.newBuilder()
                        .setPayload(ByteString.copyFromUtf8("\u0012\u0005x"))
                        .build())
                .get(10, TimeUnit.SECONDS)
                .getStatus())
        .isEqualTo(Status.BAD_REQUEST);
  }

  private static void complete(ChaincodeMessage tx, String payload) {
    chaincode.send(
        ScriptedChaincode.message(
            ChaincodeMessage.Type.COMPLETED,
            tx.getChannelId(),
            tx.getTxid(),
            Response.newBuilder()
                .setStatus(200)
                .setPayload(ByteString.copyFromUtf8(payload))
                .build()
                .toByteString()));
  }

  private static void awaitCommitted(String txId) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!node.ledger().containsTransaction(txId)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("transaction " + txId + " was not committed within 10 s");
      }
      Thread.sleep(5);
    }
  }
}
