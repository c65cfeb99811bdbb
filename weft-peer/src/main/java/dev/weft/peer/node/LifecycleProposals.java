package dev.weft.peer.node;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.weft.peer.msp.SigningIdentity;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * Signed proposals to the peer's {@code _lifecycle} chaincode, built as Fabric's {@code peer
 * lifecycle} commands build them: for the calls without a channel (install), which the Gateway
 * cannot carry.
 */
final class LifecycleProposals {

  static final String LIFECYCLE = "_lifecycle";

  private final SigningIdentity signer;
  private final SecureRandom random = new SecureRandom();

  LifecycleProposals(SigningIdentity signer) {
    this.signer = signer;
  }

  /** A proposal calling {@code function} with one serialized argument message. */
  SignedProposal signed(String channelId, String function, ByteString argument) {
    byte[] nonce = new byte[24];
    random.nextBytes(nonce);
    ByteString creator = signer.serialized();
    Instant now = Instant.now();
    ChannelHeader channelHeader =
        ChannelHeader.newBuilder()
            .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
            .setChannelId(channelId)
            .setTxId(txId(nonce, creator))
            .setTimestamp(
                Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
            .setExtension(
                ChaincodeHeaderExtension.newBuilder()
                    .setChaincodeId(ChaincodeID.newBuilder().setName(LIFECYCLE))
                    .build()
                    .toByteString())
            .build();
    Header header =
        Header.newBuilder()
            .setChannelHeader(channelHeader.toByteString())
            .setSignatureHeader(
                SignatureHeader.newBuilder()
                    .setCreator(creator)
                    .setNonce(ByteString.copyFrom(nonce))
                    .build()
                    .toByteString())
            .build();
    ChaincodeInvocationSpec invocation =
        ChaincodeInvocationSpec.newBuilder()
            .setChaincodeSpec(
                ChaincodeSpec.newBuilder()
                    .setChaincodeId(ChaincodeID.newBuilder().setName(LIFECYCLE))
                    .setInput(
                        ChaincodeInput.newBuilder()
                            .addArgs(ByteString.copyFromUtf8(function))
                            .addArgs(argument)))
            .build();
    Proposal proposal =
        Proposal.newBuilder()
            .setHeader(header.toByteString())
            .setPayload(
                ChaincodeProposalPayload.newBuilder()
                    .setInput(invocation.toByteString())
                    .build()
                    .toByteString())
            .build();
    byte[] bytes = proposal.toByteArray();
    return SignedProposal.newBuilder()
        .setProposalBytes(ByteString.copyFrom(bytes))
        .setSignature(ByteString.copyFrom(signer.sign(bytes)))
        .build();
  }

  private static String txId(byte[] nonce, ByteString creator) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(nonce);
      sha256.update(creator.toByteArray());
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
