package dev.weft.peer.lifecycle;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.weft.peer.msp.Ecdsa;
import dev.weft.peer.msp.SigningIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
 * A signed proposal that calls a {@code _lifecycle} function, built as Fabric's {@code peer
 * lifecycle chaincode} commands build it: an ENDORSER_TRANSACTION proposal for chaincode {@code
 * _lifecycle} with arguments {@code [function, marshalled <Function>Args]}, a random 24-byte nonce,
 * txid = hex(SHA-256(nonce ‖ creator)), signed by the caller.
 *
 * @param proposal the proposal, which a transaction assembled from the endorsements repeats
 * @param signed the proposal with the caller's signature, to send to an endorser
 * @param txId the transaction id
 */
public record LifecycleProposal(Proposal proposal, SignedProposal signed, String txId) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A proposal of {@code function} with {@code args} on {@code channelId} (empty for the functions
   * that need no channel, such as InstallChaincode), signed by {@code caller}.
   */
  public static LifecycleProposal create(
      SigningIdentity caller, String channelId, String function, Message args) {
    byte[] nonce = new byte[24];
    RANDOM.nextBytes(nonce);
    ByteString creator = caller.serialized();
    MessageDigest sha256 = Ecdsa.sha256();
    sha256.update(nonce);
    sha256.update(creator.asReadOnlyByteBuffer());
    String txId = HexFormat.of().formatHex(sha256.digest());
    Instant now = Instant.now();
    ChaincodeID lifecycle = ChaincodeID.newBuilder().setName(LifecycleKeys.NAMESPACE).build();
    ChannelHeader channelHeader =
        ChannelHeader.newBuilder()
            .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
            .setChannelId(channelId)
            .setTxId(txId)
            .setTimestamp(
                Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
            .setExtension(
                ChaincodeHeaderExtension.newBuilder()
                    .setChaincodeId(lifecycle)
                    .build()
                    .toByteString())
            .build();
    SignatureHeader signatureHeader =
        SignatureHeader.newBuilder()
            .setCreator(creator)
            .setNonce(ByteString.copyFrom(nonce))
            .build();
    ChaincodeInput input =
        ChaincodeInput.newBuilder()
            .addArgs(ByteString.copyFrom(function, StandardCharsets.UTF_8))
            .addArgs(args.toByteString())
            .build();
    Proposal proposal =
        Proposal.newBuilder()
            .setHeader(
                Header.newBuilder()
                    .setChannelHeader(channelHeader.toByteString())
                    .setSignatureHeader(signatureHeader.toByteString())
                    .build()
                    .toByteString())
            .setPayload(
                ChaincodeProposalPayload.newBuilder()
                    .setInput(
                        ChaincodeInvocationSpec.newBuilder()
                            .setChaincodeSpec(
                                ChaincodeSpec.newBuilder()
                                    .setType(ChaincodeSpec.Type.UNDEFINED)
                                    .setChaincodeId(lifecycle)
                                    .setInput(input))
                            .build()
                            .toByteString())
                    .build()
                    .toByteString())
            .build();
    ByteString bytes = proposal.toByteString();
    SignedProposal signed =
        SignedProposal.newBuilder()
            .setProposalBytes(bytes)
            .setSignature(ByteString.copyFrom(caller.sign(bytes.toByteArray())))
            .build();
    return new LifecycleProposal(proposal, signed, txId);
  }
}
