package dev.weft.peer.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.weft.peer.msp.SigningIdentity;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * Builds endorser transaction envelopes as a Fabric client assembles them from endorsed proposal
 * responses: the proposal's headers, the ChaincodeActionPayload with the proposal payload (without
 * transient data) and the endorsed action, and the client's signature over the payload. The
 * endorsements are made here with the endorsers' keys, as the endorser signs them.
 */
public final class TransactionEnvelopes {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a transaction is made of; change a field to build a broken one. */
  public record Spec(
      SigningIdentity client,
      String channelId,
      String chaincode,
      String version,
      TxReadWriteSet readWriteSet,
      List<SigningIdentity> endorsers) {

    public Spec withChannel(String other) {
      return new Spec(client, other, chaincode, version, readWriteSet, endorsers);
    }

    public Spec withEndorsers(List<SigningIdentity> others) {
      return new Spec(client, channelId, chaincode, version, readWriteSet, others);
    }
  }

  /** An envelope and its transaction id. */
  public record Built(Envelope envelope, String txId) {

    public ByteString bytes() {
      return envelope.toByteString();
    }
  }

  private TransactionEnvelopes() {}

  public static Built build(Spec spec) {
    byte[] nonce = new byte[24];
    RANDOM.nextBytes(nonce);
    return build(spec, nonce);
  }

  /** With a given nonce: the same nonce and client give the same txid. */
  public static Built build(Spec spec, byte[] nonce) {
    ByteString creator = spec.client().serialized();
    String txId = txId(nonce, creator);
    Instant now = Instant.now();
    ByteString channelHeader =
        ChannelHeader.newBuilder()
            .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
            .setChannelId(spec.channelId())
            .setTxId(txId)
            .setTimestamp(
                Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
            .setExtension(
                ChaincodeHeaderExtension.newBuilder()
                    .setChaincodeId(ChaincodeID.newBuilder().setName(spec.chaincode()))
                    .build()
                    .toByteString())
            .build()
            .toByteString();
    ByteString signatureHeader =
        SignatureHeader.newBuilder()
            .setCreator(creator)
            .setNonce(ByteString.copyFrom(nonce))
            .build()
            .toByteString();
    ByteString proposalPayload =
        ChaincodeProposalPayload.newBuilder()
            .setInput(
                ChaincodeInvocationSpec.newBuilder()
                    .setChaincodeSpec(
                        ChaincodeSpec.newBuilder()
                            .setChaincodeId(ChaincodeID.newBuilder().setName(spec.chaincode()))
                            .setInput(
                                ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8("f"))))
                    .build()
                    .toByteString())
            .build()
            .toByteString();
    ByteString responsePayload =
        ProposalResponsePayload.newBuilder()
            .setProposalHash(
                ByteString.copyFrom(sha256(channelHeader, signatureHeader, proposalPayload)))
            .setExtension(
                ChaincodeAction.newBuilder()
                    .setResults(spec.readWriteSet().toByteString())
                    .setResponse(Response.newBuilder().setStatus(200))
                    .setChaincodeId(
                        ChaincodeID.newBuilder()
                            .setName(spec.chaincode())
                            .setVersion(spec.version()))
                    .build()
                    .toByteString())
            .build()
            .toByteString();
    ChaincodeEndorsedAction.Builder endorsed =
        ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(responsePayload);
    for (SigningIdentity endorser : spec.endorsers()) {
      ByteString identity = endorser.serialized();
      endorsed.addEndorsements(
          Endorsement.newBuilder()
              .setEndorser(identity)
              .setSignature(
                  ByteString.copyFrom(
                      endorser.sign(responsePayload.concat(identity).toByteArray()))));
    }
    ByteString transaction =
        Transaction.newBuilder()
            .addActions(
                TransactionAction.newBuilder()
                    .setHeader(signatureHeader)
                    .setPayload(
                        ChaincodeActionPayload.newBuilder()
                            .setChaincodeProposalPayload(proposalPayload)
                            .setAction(endorsed)
                            .build()
                            .toByteString()))
            .build()
            .toByteString();
    ByteString payload =
        Payload.newBuilder()
            .setHeader(
                Header.newBuilder()
                    .setChannelHeader(channelHeader)
                    .setSignatureHeader(signatureHeader))
            .setData(transaction)
            .build()
            .toByteString();
    return new Built(
        Envelope.newBuilder()
            .setPayload(payload)
            .setSignature(ByteString.copyFrom(spec.client().sign(payload.toByteArray())))
            .build(),
        txId);
  }

  /**
   * The transaction a client assembles from its proposal and the endorsed responses, as Fabric's
   * SDKs assemble it: the proposal's headers, its payload without transient data, the first
   * response's payload with every response's endorsement, signed by the client.
   */
  public static Envelope fromEndorsements(
      org.hyperledger.fabric.protos.peer.Proposal proposal,
      List<org.hyperledger.fabric.protos.peer.ProposalResponse> responses,
      SigningIdentity client) {
    try {
      Header header = Header.parseFrom(proposal.getHeader());
      ChaincodeProposalPayload withoutTransient =
          ChaincodeProposalPayload.parseFrom(proposal.getPayload()).toBuilder()
              .clearTransientMap()
              .build();
      ChaincodeEndorsedAction.Builder endorsed =
          ChaincodeEndorsedAction.newBuilder()
              .setProposalResponsePayload(responses.get(0).getPayload());
      responses.forEach(r -> endorsed.addEndorsements(r.getEndorsement()));
      ByteString payload =
          Payload.newBuilder()
              .setHeader(header)
              .setData(
                  Transaction.newBuilder()
                      .addActions(
                          TransactionAction.newBuilder()
                              .setHeader(header.getSignatureHeader())
                              .setPayload(
                                  ChaincodeActionPayload.newBuilder()
                                      .setChaincodeProposalPayload(withoutTransient.toByteString())
                                      .setAction(endorsed)
                                      .build()
                                      .toByteString()))
                      .build()
                      .toByteString())
              .build()
              .toByteString();
      return Envelope.newBuilder()
          .setPayload(payload)
          .setSignature(ByteString.copyFrom(client.sign(payload.toByteArray())))
          .build();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not a proposal", e);
    }
  }

  /**
   * An envelope of any header type for a channel, carrying {@code data}, signed by {@code client}:
   * what a client broadcasts besides transactions (a configuration update, say).
   */
  public static Envelope signed(
      SigningIdentity client, String channelId, int headerType, ByteString data) {
    byte[] nonce = new byte[24];
    RANDOM.nextBytes(nonce);
    ByteString creator = client.serialized();
    Instant now = Instant.now();
    ByteString payload =
        Payload.newBuilder()
            .setHeader(
                Header.newBuilder()
                    .setChannelHeader(
                        ChannelHeader.newBuilder()
                            .setType(headerType)
                            .setChannelId(channelId)
                            .setTxId(txId(nonce, creator))
                            .setTimestamp(
                                Timestamp.newBuilder()
                                    .setSeconds(now.getEpochSecond())
                                    .setNanos(now.getNano()))
                            .build()
                            .toByteString())
                    .setSignatureHeader(
                        SignatureHeader.newBuilder()
                            .setCreator(creator)
                            .setNonce(ByteString.copyFrom(nonce))
                            .build()
                            .toByteString()))
            .setData(data)
            .build()
            .toByteString();
    return Envelope.newBuilder()
        .setPayload(payload)
        .setSignature(ByteString.copyFrom(client.sign(payload.toByteArray())))
        .build();
  }

  /** A read-write set with one write and nothing read, for transactions that never conflict. */
  public static TxReadWriteSet write(String namespace, String key, String value) {
    return TxReadWriteSet.newBuilder()
        .addNsRwset(
            org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet.newBuilder()
                .setNamespace(namespace)
                .setRwset(
                    org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet.newBuilder()
                        .addWrites(
                            org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite.newBuilder()
                                .setKey(key)
                                .setValue(ByteString.copyFromUtf8(value)))
                        .build()
                        .toByteString()))
        .build();
  }

  private static String txId(byte[] nonce, ByteString creator) {
    return HexFormat.of().formatHex(sha256(ByteString.copyFrom(nonce), creator));
  }

  private static byte[] sha256(ByteString... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (ByteString part : parts) {
        digest.update(part.asReadOnlyByteBuffer());
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
