package dev.weft.bench;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.GetState;
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
