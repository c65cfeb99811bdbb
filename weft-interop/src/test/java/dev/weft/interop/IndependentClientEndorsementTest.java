package dev.weft.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.X509Certificate;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.protos.gateway.ProposedTransaction;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's check, with nothing of Weft's on the client side: a Weft peer started as the README
 * starts it ({@code java -jar weft-peer.jar}, crypto material and channel generated on first
 * start), a chaincode on Fabric's Java shim, and proposals built and signed by Fabric's own client
 * library, fabric-gateway, from the generated User1 key and certificate. The endorsement is checked
 * with the JDK against the generated peer certificate.
 */
class IndependentClientEndorsementTest {

  private static final String CHANNEL = "mychannel";
  private static final String ORG = "peerOrganizations/org1.example.com";

  @TempDir static Path directory;
  private static Path data;
  private static PeerProcess peer;
  private static ReadmePeer session;
  private static EndorserGrpc.EndorserBlockingStub endorser;
  private static Gateway gateway;
  private static Signer signer;
  private static ChaincodeProcess chaincode;

  @BeforeAll
  static void start() throws Exception {
    session = ReadmePeer.start(directory, "weft-peer.log");
    data = session.data();
    peer = session.peer();
    gateway = session.gateway();
    endorser = EndorserGrpc.newBlockingStub(session.connection());
    signer =
        Signers.newPrivateKeySigner(
            ReadmePeer.privateKey(session.userMsp().resolve("keystore/priv_sk")));
    chaincode =
        InteropShim.FABRIC_JAVA.start(
            new PeerEndpoint(
                peer.chaincodeAddress(), IndependentClientEndorsementTest::answersProposals),
            "interop:1.0");
  }

  @AfterAll
  static void stop() throws Exception {
    if (chaincode != null) {
      chaincode.close();
    }
    if (session != null) {
      session.close();
    }
  }

  @Test
  void aProposalBuiltByFabricGatewayIsEndorsedWithASignatureTheJdkVerifies() throws Exception {
    SignedProposal proposal = proposal(contract().newProposal("put").addArguments("k", "v"));

    ProposalResponse response = endorser.processProposal(proposal);

    assertThat(response.getResponse().getStatus()).isEqualTo(200);
    X509Certificate peerCertificate =
        ReadmePeer.certificate(
            data.resolve(
                "crypto/"
                    + ORG
                    + "/peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem"));
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(peerCertificate.getPublicKey());
    verifier.update(
        response.getPayload().concat(response.getEndorsement().getEndorser()).toByteArray());
    assertThat(verifier.verify(response.getEndorsement().getSignature().toByteArray())).isTrue();

    ChaincodeAction action =
        ChaincodeAction.parseFrom(
            ProposalResponsePayload.parseFrom(response.getPayload()).getExtension());
    assertThat(action.getChaincodeId().getName()).isEqualTo("interop");
    KVRWSet writes =
        KVRWSet.parseFrom(TxReadWriteSet.parseFrom(action.getResults()).getNsRwset(0).getRwset());
    assertThat(writes.getWritesList())
        .containsExactly(
            KVWrite.newBuilder().setKey("k").setValue(ByteString.copyFromUtf8("v")).build());
  }

  @Test
  void aFabricGatewayProposalWithATamperedSignatureIsAGrpcErrorSayingAccessDenied() {
    SignedProposal proposal = proposal(contract().newProposal("get").addArguments("k"));
    byte[] signature = proposal.getSignature().toByteArray();
    signature[signature.length - 1] ^= 0x01;
    SignedProposal tampered =
        proposal.toBuilder().setSignature(ByteString.copyFrom(signature)).build();

    assertThatThrownBy(() -> endorser.processProposal(tampered))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo(
                      "error validating proposal: access denied: channel [mychannel] creator org"
                          + " [Org1MSP]");
            });
  }

  @Test
  void thePeerSaysWhereItKeepsItsDataWhichChannelItServesAndWhoTheClientIs() {
    Path user = data.resolve("crypto/" + ORG).resolve("users/User1@org1.example.com/msp");
    assertThat(peer.output())
        .contains("(Org1MSP) started, data in " + data)
        .containsPattern("channels +mychannel\n")
        .containsPattern(
            "certificate +" + user.resolve("signcerts/User1@org1.example.com-cert.pem"))
        .containsPattern("private key +" + user.resolve("keystore/priv_sk"));
  }

  private static Contract contract() {
    return gateway.getNetwork(CHANNEL).getContract("interop");
  }

  /**
   * The signed proposal inside what fabric-gateway would send to a gateway's Endorse. The library
   * signs only when it sends, so this uses its off-line signing flow: its signer signs the
   * proposal's digest, and the library attaches the signature.
   */
  private static SignedProposal proposal(Proposal.Builder builder) {
    try {
      Proposal unsigned = builder.build();
      Proposal signed =
          gateway.newSignedProposal(unsigned.getBytes(), signer.sign(unsigned.getDigest()));
      return ProposedTransaction.parseFrom(signed.getBytes()).getProposal();
    } catch (java.io.IOException | java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** Whether the chaincode answers: a proposal to it no longer fails as "not running". */
  private static boolean answersProposals(String chaincodeId) {
    String name = chaincodeId.substring(0, chaincodeId.indexOf(':'));
    ProposalResponse response =
        endorser.processProposal(
            proposal(gateway.getNetwork(CHANNEL).getContract(name).newProposal("txinfo")));
    return !response.getResponse().getMessage().contains("is not running");
  }
}
