package dev.weft.peer.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * Well-formed proposals for tests, as a Fabric client builds them (the shims parse the header,
 * timestamp and creator). The signature is not real: chaincode support does not check it.
 */
public final class Proposals {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A proposal together with its transaction id. */
  public record TestProposal(String txId, SignedProposal signedProposal, Instant timestamp) {}

  private Proposals() {}

  public static TestProposal proposal(
      String channelId, String chaincodeName, ChaincodeInput input) {
    byte[] nonce = new byte[24];
    RANDOM.nextBytes(nonce);
    ByteString creator =
        SerializedIdentity.newBuilder()
            .setMspid("Org1MSP")
            .setIdBytes(ByteString.copyFromUtf8("-----BEGIN CERTIFICATE-----\ntest\n"))
            .build()
            .toByteString();
    String txId = txId(nonce, creator.toByteArray());
    Instant now = Instant.now();
    ChannelHeader channelHeader =
        ChannelHeader.newBuilder()
            .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
            .setChannelId(channelId)
            .setTxId(txId)
            .setTimestamp(
                Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
            .setExtension(
                ChaincodeHeaderExtension.newBuilder()
                    .setChaincodeId(ChaincodeID.newBuilder().setName(chaincodeName))
                    .build()
                    .toByteString())
            .build();
    SignatureHeader signatureHeader =
        SignatureHeader.newBuilder()
            .setCreator(creator)
            .setNonce(ByteString.copyFrom(nonce))
            .build();
    ChaincodeProposalPayload payload =
        ChaincodeProposalPayload.newBuilder()
            .setInput(
                ChaincodeInvocationSpec.newBuilder()
                    .setChaincodeSpec(
                        ChaincodeSpec.newBuilder()
                            .setType(ChaincodeSpec.Type.JAVA)
                            .setChaincodeId(ChaincodeID.newBuilder().setName(chaincodeName))
                            .setInput(input))
                    .build()
                    .toByteString())
            .build();
    Proposal proposal =
        Proposal.newBuilder()
            .setHeader(
                Header.newBuilder()
                    .setChannelHeader(channelHeader.toByteString())
                    .setSignatureHeader(signatureHeader.toByteString())
                    .build()
                    .toByteString())
            .setPayload(payload.toByteString())
            .build();
    SignedProposal signed =
        SignedProposal.newBuilder()
            .setProposalBytes(proposal.toByteString())
            .setSignature(ByteString.copyFromUtf8("not checked by chaincode support"))
            .build();
    return new TestProposal(txId, signed, now);
  }

  /** Chaincode input from string arguments. */
  public static ChaincodeInput input(String... args) {
    ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
    for (String arg : args) {
      input.addArgs(ByteString.copyFrom(arg, StandardCharsets.UTF_8));
    }
    return input.build();
  }

  private static String txId(byte[] nonce, byte[] creator) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(nonce);
      sha256.update(creator);
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
