package dev.weft.peer.endorser;

import static dev.weft.peer.testing.TestNode.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.GET_STATE;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.PUT_STATE;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.weft.peer.ledger.ValidTransaction;
import dev.weft.peer.msp.SigningIdentity;
import dev.weft.peer.testing.JdkSigner;
import dev.weft.peer.testing.LedgerBlocks;
import dev.weft.peer.testing.ProposalClient;
import dev.weft.peer.testing.ScriptedChaincode;
import dev.weft.peer.testing.TestNode;
import dev.weft.peer.testing.TestOrg;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ProcessProposal over gRPC against a whole Weft peer, with proposals built and signed as a Fabric
 * SDK builds them, a scripted chaincode, and the endorsement checked with the JDK alone.
 */
class EndorserTest {

  @TempDir static Path directory;
  private static TestNode node;
  private static ScriptedChaincode chaincode;
  private static ProposalClient user;

  @BeforeAll
  static void start() {
    node = TestNode.start(directory.resolve("peer"));
    chaincode = ScriptedChaincode.register(node.peer().chaincodeAddress(), "cc:1.0");
    Path userMsp = node.org().layout().userMspDirectory("User1@org1.example.com");
    user =
        new ProposalClient(
            SigningIdentity.load(userMsp, "Org1MSP").serialized(), JdkSigner.fromKeystore(userMsp));
  }

  @AfterAll
  static void stop() {
    chaincode.close();
    node.close();
  }

  @Test
  void aProposalIsEndorsedWithASignatureTheJdkVerifiesAgainstThePeersCertificate()
      throws Exception {
    ProposalClient.Built proposal = user.proposal(CHANNEL, "cc", "transfer", "k", "v");
    CompletableFuture<ProposalResponse> sent = node.send(proposal.signed());
    ChaincodeMessage tx = chaincode.expect(ChaincodeMessage.Type.TRANSACTION);
    assertThat(tx.getTxid()).isEqualTo(proposal.txId());
    assertThat(tx.getProposal()).isEqualTo(proposal.signed());
    chaincode.call(GET_STATE, CHANNEL, tx.getTxid(), GetState.newBuilder().setKey("k").build());
    chaincode.call(
        PUT_STATE,
        CHANNEL,
        tx.getTxid(),
        PutState.newBuilder().setKey("k").setValue(ByteString.copyFromUtf8("v")).build());
    complete(tx, 200, "done", ChaincodeEvent.newBuilder().setEventName("Moved").build());
    ProposalResponse response = sent.get(10, TimeUnit.SECONDS);

    assertThat(response.getVersion()).isEqualTo(1);
    assertThat(response.getResponse())
        .isEqualTo(
            Response.newBuilder()
                .setStatus(200)
                .setPayload(ByteString.copyFromUtf8("done"))
                .build());
    // The endorser is the peer's identity exactly as in its signcerts folder.
    Path peerCert =
        node.org()
            .layout()
            .peerMspDirectory(0)
            .resolve("signcerts/peer0.org1.example.com-cert.pem");
    SerializedIdentity endorser =
        SerializedIdentity.parseFrom(response.getEndorsement().getEndorser());
    assertThat(endorser.getMspid()).isEqualTo("Org1MSP");
    assertThat(endorser.getIdBytes().toByteArray()).isEqualTo(Files.readAllBytes(peerCert));
    // signature = ECDSA-SHA256(payload ‖ endorser), low S, verified by the JDK.
    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(peerCert)));
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(
        response.getPayload().concat(response.getEndorsement().getEndorser()).toByteArray());
    byte[] signature = response.getEndorsement().getSignature().toByteArray();
    assertThat(verifier.verify(signature)).isTrue();
    BigInteger s =
        ASN1Integer.getInstance(ASN1Sequence.getInstance(signature).getObjectAt(1)).getValue();
    BigInteger order = ((ECPublicKey) certificate.getPublicKey()).getParams().getOrder();
    assertThat(s).isLessThanOrEqualTo(order.shiftRight(1));

    ProposalResponsePayload payload = ProposalResponsePayload.parseFrom(response.getPayload());
    assertThat(payload.getProposalHash().toByteArray()).isEqualTo(proposalHash(proposal));
    ChaincodeAction action = ChaincodeAction.parseFrom(payload.getExtension());
    assertThat(action.getChaincodeId().getName()).isEqualTo("cc");
    assertThat(action.getChaincodeId().getVersion()).isEqualTo("1.0");
    assertThat(action.getResponse()).isEqualTo(response.getResponse());
    assertThat(ChaincodeEvent.parseFrom(action.getEvents()))
        .isEqualTo(
            ChaincodeEvent.newBuilder()
                .setChaincodeId("cc")
                .setTxId(proposal.txId())
                .setEventName("Moved")
                .build());
    TxReadWriteSet rwSet = TxReadWriteSet.parseFrom(action.getResults());
    assertThat(rwSet.getNsRwsetList()).hasSize(1);
    assertThat(rwSet.getNsRwset(0).getNamespace()).isEqualTo("cc");
    KVRWSet kv = KVRWSet.parseFrom(rwSet.getNsRwset(0).getRwset());
    assertThat(kv.getReads(0).getKey()).isEqualTo("k");
    assertThat(kv.getReads(0).hasVersion()).isFalse();
    assertThat(kv.getWrites(0).getValue().toStringUtf8()).isEqualTo("v");
    assertThat(response.getInterest().getChaincodesList())
        .extracting(c -> c.getName())
        .containsExactly("cc");
  }

  @Test
  void theTransientMapIsLeftOutOfTheProposalHash() throws Exception {
    ProposalClient.Built proposal =
        user.build(
            ProposalClient.spec(CHANNEL, "cc", "secret")
                .withTransient(Map.of("price", ByteString.copyFromUtf8("42"))));
    CompletableFuture<ProposalResponse> sent = node.send(proposal.signed());
    complete(chaincode.expect(ChaincodeMessage.Type.TRANSACTION), 200, "", null);
    ProposalResponsePayload payload =
        ProposalResponsePayload.parseFrom(sent.get(10, TimeUnit.SECONDS).getPayload());
    assertThat(payload.getProposalHash().toByteArray()).isEqualTo(proposalHash(proposal));
  }

  @Test
  void aChaincodeStatusFrom400To499ReturnsOnlyTheResponse() throws Exception {
    CompletableFuture<ProposalResponse> sent =
        node.send(user.proposal(CHANNEL, "cc", "bad").signed());
    complete(
        chaincode.expect(ChaincodeMessage.Type.TRANSACTION),
        404,
        "",
        ChaincodeEvent.newBuilder().setEventName("E").build());
    ProposalResponse response = sent.get(10, TimeUnit.SECONDS);
    assertThat(response.getResponse().getStatus()).isEqualTo(404);
    assertThat(response.getPayload()).isEmpty();
    assertThat(response.hasEndorsement()).isFalse();
    assertThat(response.getVersion()).isZero();
  }

  @Test
  void aChaincodeStatusOf500OrMoreReturnsThePayloadWithoutEventOrEndorsement() throws Exception {
    CompletableFuture<ProposalResponse> sent =
        node.send(user.proposal(CHANNEL, "cc", "fail").signed());
    complete(
        chaincode.expect(ChaincodeMessage.Type.TRANSACTION),
        500,
        "",
        ChaincodeEvent.newBuilder().setEventName("E").build());
    ProposalResponse response = sent.get(10, TimeUnit.SECONDS);
    assertThat(response.getResponse().getStatus()).isEqualTo(500);
    assertThat(response.hasEndorsement()).isFalse();
    ChaincodeAction action =
        ChaincodeAction.parseFrom(
            ProposalResponsePayload.parseFrom(response.getPayload()).getExtension());
    assertThat(action.getResponse().getStatus()).isEqualTo(500);
    assertThat(action.getEvents()).isEmpty();
  }

  @Test
  void aChaincodeErrorOrAMissingChaincodeIsAStatus500ResponseSayingWhy() throws Exception {
    ProposalClient.Built proposal = user.proposal(CHANNEL, "cc", "explode");
    CompletableFuture<ProposalResponse> sent = node.send(proposal.signed());
    ChaincodeMessage tx = chaincode.expect(ChaincodeMessage.Type.TRANSACTION);
    chaincode.send(
        ScriptedChaincode.message(
            ChaincodeMessage.Type.ERROR, CHANNEL, tx.getTxid(), ByteString.copyFromUtf8("boom")));
    assertThat(sent.get(10, TimeUnit.SECONDS).getResponse())
        .isEqualTo(
            Response.newBuilder()
                .setStatus(500)
                .setMessage("error in simulation: transaction returned with failure: boom")
                .build());
    ProposalResponse missing =
        node.send(user.proposal(CHANNEL, "nope", "x").signed()).get(10, TimeUnit.SECONDS);
    assertThat(missing.getResponse().getStatus()).isEqualTo(500);
    assertThat(missing.getResponse().getMessage())
        .startsWith("error in simulation: chaincode nope is not running");
  }

  @Test
  void anUnknownChannelIsAStatus500ResponseNotAGrpcError() throws Exception {
    ProposalResponse response =
        node.send(user.proposal("nochannel", "cc", "x").signed()).get(10, TimeUnit.SECONDS);
    assertThat(response.getResponse())
        .isEqualTo(
            Response.newBuilder()
                .setStatus(500)
                .setMessage("channel 'nochannel' not found")
                .build());
  }

  @Test
  void aProposalWithATamperedSignatureIsRejectedWithAccessDenied() {
    SignedProposal signed = user.proposal(CHANNEL, "cc", "x").signed();
    byte[] signature = signed.getSignature().toByteArray();
    signature[signature.length - 3] ^= 0x01;
    assertRejected(
        signed.toBuilder().setSignature(ByteString.copyFrom(signature)).build(),
        "error validating proposal: access denied: channel [mychannel] creator org [Org1MSP]");
    SignedProposal otherBytes =
        signed.toBuilder()
            .setProposalBytes(user.proposal(CHANNEL, "cc", "y").signed().getProposalBytes())
            .build();
    assertRejected(
        otherBytes,
        "error validating proposal: access denied: channel [mychannel] creator org [Org1MSP]");
  }

  @Test
  void aHighSSignatureIsRejectedAsFabricRejectsIt() throws Exception {
    SignedProposal signed = user.proposal(CHANNEL, "cc", "x").signed();
    ASN1Sequence rs = ASN1Sequence.getInstance(signed.getSignature().toByteArray());
    BigInteger r = ASN1Integer.getInstance(rs.getObjectAt(0)).getValue();
    BigInteger s = ASN1Integer.getInstance(rs.getObjectAt(1)).getValue();
    BigInteger n =
        new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    byte[] highS =
        new org.bouncycastle.asn1.DERSequence(
                new org.bouncycastle.asn1.ASN1Encodable[] {
                  new ASN1Integer(r), new ASN1Integer(n.subtract(s))
                })
            .getEncoded();
    assertRejected(
        signed.toBuilder().setSignature(ByteString.copyFrom(highS)).build(),
        "error validating proposal: access denied: channel [mychannel] creator org [Org1MSP]");
  }

  @Test
  void aProposalWithAWrongTxidIsRejected() {
    ProposalClient.Built proposal =
        user.build(ProposalClient.spec(CHANNEL, "cc", "x").withTxId("abc"));
    String expected =
        ProposalClient.txId(
            proposal.signatureHeader().getNonce().toByteArray(),
            proposal.signatureHeader().getCreator());
    assertRejected(
        proposal.signed(),
        "error validating proposal: incorrectly computed txid 'abc' -- expected '"
            + expected
            + "'");
  }

  @Test
  void aProposalFromAnExpiredCertificateIsRejected() {
    SigningIdentity expired = node.org().expiredClient("Expired@org1.example.com");
    assertRejected(
        new ProposalClient(expired).proposal(CHANNEL, "cc", "x").signed(),
        "proposal client identity expired");
  }

  @Test
  void aProposalSignedWithACertificateFromAnotherCaIsRejected() {
    TestOrg impostor =
        TestOrg.generate(directory.resolve("impostor"), "org1.example.com", "Org1MSP");
    assertRejected(
        new ProposalClient(impostor.user()).proposal(CHANNEL, "cc", "x").signed(),
        "error validating proposal: access denied: channel [mychannel] creator org [Org1MSP]");
    TestOrg stranger =
        TestOrg.generate(directory.resolve("stranger"), "org9.example.com", "Org9MSP");
    assertRejected(
        new ProposalClient(stranger.user()).proposal(CHANNEL, "cc", "x").signed(),
        "error validating proposal: access denied: channel [mychannel] creator org unknown, creator is malformed");
  }

  @Test
  void aCreatorThatDoesNotSatisfyTheChannelsWritersIsRejected() {
    ProposalClient asPeer = new ProposalClient(node.peer().identity());
    assertRejected(
        asPeer.proposal(CHANNEL, "cc", "x").signed(),
        "Failed evaluating policy on signed data during check policy on channel [mychannel] with"
            + " policy [/Channel/Application/Writers]: [implicit policy evaluation failed - 0 sub-policies"
            + " were satisfied, but this policy requires 1 of the 'Writers' sub-policies to be"
            + " satisfied]");
  }

  @Test
  void aReplayedTxidIsRejectedWhileInFlightAndOnceCommitted() throws Exception {
    ProposalClient.Built proposal = user.proposal(CHANNEL, "cc", "once");
    CompletableFuture<ProposalResponse> first = node.send(proposal.signed());
    ChaincodeMessage tx = chaincode.expect(ChaincodeMessage.Type.TRANSACTION);
    assertRejected(proposal.signed(), "duplicate transaction found [" + proposal.txId() + "]");
    complete(tx, 200, "", null);
    assertThat(first.get(10, TimeUnit.SECONDS).hasEndorsement()).isTrue();
    long block = node.ledger().height().map(h -> h.blockNum()).orElse(0L) + 1;
    LedgerBlocks.commit(
        node.ledger(),
        block,
        List.of(
            new ValidTransaction(
                0,
                proposal.txId(),
                Timestamp.getDefaultInstance(),
                TxReadWriteSet.getDefaultInstance())));
    assertRejected(
        proposal.signed(), "duplicate transaction found [" + proposal.txId() + "]. Creator [");
  }

  @Test
  void malformedBytesAreRejectedWithWhatCouldNotBeRead() {
    assertRejected(
        SignedProposal.newBuilder()
            .setProposalBytes(ByteString.copyFrom(new byte[] {0x0a, 0x7f, 0x01}))
            .setSignature(ByteString.copyFromUtf8("sig"))
            .build(),
        "error unmarshalling Proposal");
    ProposalClient.Built proposal = user.proposal(CHANNEL, "cc", "x");
    Proposal noExtension =
        proposal.proposal().toBuilder()
            .setHeader(
                Header.newBuilder()
                    .setChannelHeader(
                        proposal.channelHeader().toBuilder()
                            .clearExtension()
                            .build()
                            .toByteString())
                    .setSignatureHeader(proposal.signatureHeader().toByteString())
                    .build()
                    .toByteString())
            .build();
    assertRejected(
        user.sign(noExtension.toByteString()), "ChaincodeHeaderExtension.ChaincodeId is nil");
    Proposal badPayload =
        proposal.proposal().toBuilder()
            .setPayload(ByteString.copyFromUtf8("\u0012\u0005x"))
            .build();
    assertRejected(
        user.sign(badPayload.toByteString()), "error unmarshalling ChaincodeProposalPayload");
  }

  @Test
  void aHeaderTypeOtherThanEndorserTransactionIsRejected() {
    ProposalClient.Built proposal = user.proposal(CHANNEL, "cc", "x");
    ChannelHeader message =
        proposal.channelHeader().toBuilder().setType(HeaderType.MESSAGE_VALUE).build();
    Proposal changed =
        proposal.proposal().toBuilder()
            .setHeader(
                Header.newBuilder()
                    .setChannelHeader(message.toByteString())
                    .setSignatureHeader(proposal.signatureHeader().toByteString())
                    .build()
                    .toByteString())
            .build();
    assertRejected(
        user.sign(changed.toByteString()),
        "error validating proposal: invalid header type MESSAGE");
  }

  @Test
  void aProposalOutsideTheTimeWindowIsRejected() {
    assertRejected(
        user.build(
                ProposalClient.spec(CHANNEL, "cc", "x")
                    .withTimestamp(Instant.now().minus(Duration.ofHours(1))))
            .signed(),
        "request unauthorized due to incorrect timestamp");
  }

  private static void complete(
      ChaincodeMessage tx, int status, String payload, ChaincodeEvent event) {
    ChaincodeMessage.Builder completed =
        ScriptedChaincode.message(
            ChaincodeMessage.Type.COMPLETED,
            tx.getChannelId(),
            tx.getTxid(),
            Response.newBuilder()
                .setStatus(status)
                .setPayload(ByteString.copyFromUtf8(payload))
                .build()
                .toByteString())
            .toBuilder();
    if (event != null) {
      completed.setChaincodeEvent(event);
    }
    chaincode.send(completed.build());
  }

  /** SHA-256(channel header ‖ signature header ‖ payload without transient map), computed here. */
  private static byte[] proposalHash(ProposalClient.Built proposal) throws Exception {
    Header header = Header.parseFrom(proposal.proposal().getHeader());
    ChaincodeProposalPayload payload =
        ChaincodeProposalPayload.parseFrom(proposal.proposal().getPayload());
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update(header.getChannelHeader().toByteArray());
    sha256.update(header.getSignatureHeader().toByteArray());
    sha256.update(
        ChaincodeProposalPayload.newBuilder().setInput(payload.getInput()).build().toByteArray());
    return sha256.digest();
  }

  private static void assertRejected(SignedProposal proposal, String message) {
    try {
      ProposalResponse response = node.send(proposal).get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected a gRPC error, got " + response);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(StatusRuntimeException.class);
      Status status = ((StatusRuntimeException) e.getCause()).getStatus();
      assertThat(status.getCode()).isEqualTo(Status.Code.UNKNOWN);
      assertThat(status.getDescription()).startsWith(message);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
