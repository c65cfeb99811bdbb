package dev.weft.peer.chaincode;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/** Builds the peer's replies to chaincode requests. */
final class ChaincodeMessages {

  private ChaincodeMessages() {}

  /** RESPONSE to a request: echoes its transaction id and channel. */
  static ChaincodeMessage response(ChaincodeMessage request, ByteString payload) {
    return ChaincodeMessage.newBuilder()
        .setType(ChaincodeMessage.Type.RESPONSE)
        .setTxid(request.getTxid())
        .setChannelId(request.getChannelId())
        .setPayload(payload)
        .build();
  }

  /** ERROR reply in Fabric's form: {@code <TYPE> failed: transaction ID: <txid>: <cause>}. */
  static ChaincodeMessage requestFailed(ChaincodeMessage request, String cause) {
    return error(
        request.getTxid(),
        request.getChannelId(),
        request.getType() + " failed: transaction ID: " + request.getTxid() + ": " + cause);
  }

  /** ERROR with a UTF-8 text payload. */
  static ChaincodeMessage error(String txId, String channelId, String text) {
    return ChaincodeMessage.newBuilder()
        .setType(ChaincodeMessage.Type.ERROR)
        .setTxid(txId)
        .setChannelId(channelId)
        .setPayload(ByteString.copyFromUtf8(text))
        .build();
  }

  /** The first eight characters of a transaction id, for logs. */
  static String shortTxId(String txId) {
    return txId.length() <= 8 ? txId : txId.substring(0, 8);
  }
}
