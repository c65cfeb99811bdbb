package dev.weft.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.util.Arrays;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * The messages of the benchmarked transaction, built once so that the Weft path and the bare echo
 * path carry exactly the same bytes.
 */
final class BenchMessages {

  static final String CHANNEL = "bench";
  static final String CHAINCODE = "bench";
  static final String CHAINCODE_ID = "bench:1.0";
  static final String KEY = "asset1";

  private BenchMessages() {}

  static ByteString value(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 'v');
    return ByteString.copyFrom(bytes);
  }

  /** A proposal of a typical size (about 700 bytes: header, creator certificate, signature). */
  static SignedProposal proposal() {
    return SignedProposal.newBuilder().setProposalBytes(value(600)).setSignature(value(72)).build();
  }

  /**
   * A well-formed proposal (channel header with the transaction id, signature header, payload) for
   * shims that decode it, as Fabric's do; the signature is not checked by chaincode support.
   */
  static SignedProposal validProposal(String channelId, String txId, String chaincode) {
    Header header =
        Header.newBuilder()
            .setChannelHeader(
                ChannelHeader.newBuilder()
                    .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                    .setChannelId(channelId)
                    .setTxId(txId)
                    .setTimestamp(Timestamp.newBuilder().setSeconds(1_764_000_000L))
                    .setExtension(
                        ChaincodeHeaderExtension.newBuilder()
                            .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode))
                            .build()
                            .toByteString())
                    .build()
                    .toByteString())
            .setSignatureHeader(
                SignatureHeader.newBuilder()
                    .setCreator(value(500))
                    .setNonce(value(24))
                    .build()
                    .toByteString())
            .build();
    Proposal proposal =
        Proposal.newBuilder()
            .setHeader(header.toByteString())
            .setPayload(ChaincodeProposalPayload.getDefaultInstance().toByteString())
            .build();
    return SignedProposal.newBuilder()
        .setProposalBytes(proposal.toByteString())
        .setSignature(value(72))
        .build();
  }

  static ChaincodeInput input() {
    return ChaincodeInput.newBuilder()
        .addArgs(ByteString.copyFromUtf8("Transfer"))
        .addArgs(ByteString.copyFromUtf8(KEY))
        .addArgs(ByteString.copyFromUtf8("bob"))
        .build();
  }

  static ChaincodeMessage message(ChaincodeMessage.Type type, String txId, ByteString payload) {
    return ChaincodeMessage.newBuilder()
        .setType(type)
        .setTxid(txId)
        .setChannelId(CHANNEL)
        .setPayload(payload)
        .build();
  }

  /** The TRANSACTION the peer sends, as the echo path's first message. */
  static ChaincodeMessage transaction(String txId) {
    return message(ChaincodeMessage.Type.TRANSACTION, txId, input().toByteString()).toBuilder()
        .setProposal(proposal())
        .build();
  }

  static ChaincodeMessage getState(String txId) {
    return message(
        ChaincodeMessage.Type.GET_STATE,
        txId,
        GetState.newBuilder().setKey(KEY).build().toByteString());
  }

  static ChaincodeMessage putState(String txId, ByteString value) {
    return message(
        ChaincodeMessage.Type.PUT_STATE,
        txId,
        PutState.newBuilder().setKey(KEY).setValue(value).build().toByteString());
  }

  static ChaincodeMessage response(String txId, ByteString payload) {
    return message(ChaincodeMessage.Type.RESPONSE, txId, payload);
  }

  static ChaincodeMessage completed(String txId) {
    return message(
        ChaincodeMessage.Type.COMPLETED,
        txId,
        Response.newBuilder().setStatus(200).build().toByteString());
  }
}
