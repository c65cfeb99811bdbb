package dev.weft.peer.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.weft.peer.msp.SigningIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
 * Builds signed proposals the way Fabric's client SDK (fabric-gateway) does: a 24-byte random
 * nonce, the creator's serialized identity, txid = hex(SHA-256(nonce ‖ creator)), a channel header
 * of type ENDORSER_TRANSACTION with timestamp, txid and a ChaincodeHeaderExtension naming the
 * chaincode, a signature header, the ChaincodeInvocationSpec with the arguments (and the transient
 * map beside it), and the creator's ECDSA signature over the proposal bytes.
 */
public final class ProposalClient {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A built proposal and the parts a test wants to look at or tamper with. */
  public record Built(
      SignedProposal signed,
      Proposal proposal,
      ChannelHeader channelHeader,
      SignatureHeader signatureHeader,
      ChaincodeProposalPayload payload) {

    public String txId() {
      return channelHeader.getTxId();
    }
  }

  /** What to build; the defaults are what an SDK sends. */
  public record Spec(
      String channelId,
      String chaincode,
      List<String> args,
      Map<String, ByteString> transientData,
      Instant timestamp,
      byte[] nonce,
      String txIdOverride) {

    public Spec withTxId(String txId) {
      return new Spec(channelId, chaincode, args, transientData, timestamp, nonce, txId);
    }

    public Spec withTimestamp(Instant time) {
      return new Spec(channelId, chaincode, args, transientData, time, nonce, txIdOverride);
    }

    public Spec withTransient(Map<String, ByteString> data) {
      return new Spec(channelId, chaincode, args, data, timestamp, nonce, txIdOverride);
    }

    public Spec withNonce(byte[] value) {
      return new Spec(channelId, chaincode, args, transientData, timestamp, value, txIdOverride);
    }
  }

  private final ByteString creator;
  private final java.util.function.UnaryOperator<byte[]> signer;

  /** A client signing with Weft's signer. */
  public ProposalClient(SigningIdentity identity) {
    this(identity.serialized(), identity::sign);
  }

  /**
   * A client with its own signer (e.g. {@link JdkSigner}).
   *
   * @param creator the marshalled SerializedIdentity
   * @param signer signs the proposal bytes
   */
  public ProposalClient(ByteString creator, java.util.function.UnaryOperator<byte[]> signer) {
    this.creator = creator;
    this.signer = signer;
  }

  public static Spec spec(String channelId, String chaincode, String... args) {
    byte[] nonce = new byte[24];
    RANDOM.nextBytes(nonce);
    return new Spec(channelId, chaincode, List.of(args), Map.of(), Instant.now(), nonce, null);
  }

  public Built proposal(String channelId, String chaincode, String... args) {
    return build(spec(channelId, chaincode, args));
  }

  public Built build(Spec spec) {
    String txId = spec.txIdOverride() != null ? spec.txIdOverride() : txId(spec.nonce(), creator);
    ChannelHeader channelHeader =
        ChannelHeader.newBuilder()
            .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
            .setTxId(txId)
            .setTimestamp(
                Timestamp.newBuilder()
                    .setSeconds(spec.timestamp().getEpochSecond())
                    .setNanos(spec.timestamp().getNano()))
            .setChannelId(spec.channelId())
            .setExtension(
                ChaincodeHeaderExtension.newBuilder()
                    .setChaincodeId(ChaincodeID.newBuilder().setName(spec.chaincode()))
                    .build()
                    .toByteString())
            .setEpoch(0)
            .build();
    SignatureHeader signatureHeader =
        SignatureHeader.newBuilder()
            .setCreator(creator)
            .setNonce(ByteString.copyFrom(spec.nonce()))
            .build();
    ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
    spec.args().forEach(a -> input.addArgs(ByteString.copyFrom(a, StandardCharsets.UTF_8)));
    ChaincodeProposalPayload payload =
        ChaincodeProposalPayload.newBuilder()
            .setInput(
                ChaincodeInvocationSpec.newBuilder()
                    .setChaincodeSpec(
                        ChaincodeSpec.newBuilder()
                            .setType(ChaincodeSpec.Type.UNDEFINED)
                            .setChaincodeId(ChaincodeID.newBuilder().setName(spec.chaincode()))
                            .setInput(input))
                    .build()
                    .toByteString())
            .putAllTransientMap(spec.transientData())
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
    return new Built(
        sign(proposal.toByteString()), proposal, channelHeader, signatureHeader, payload);
  }

  /** Signs arbitrary proposal bytes with the client's key. */
  public SignedProposal sign(ByteString proposalBytes) {
    return SignedProposal.newBuilder()
        .setProposalBytes(proposalBytes)
        .setSignature(ByteString.copyFrom(signer.apply(proposalBytes.toByteArray())))
        .build();
  }

  public static String txId(byte[] nonce, ByteString creator) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(nonce);
      sha256.update(creator.toByteArray());
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
