package dev.weft.shim;

import com.google.protobuf.ByteString;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/** Builds the messages the chaincode sends. */
final class Messages {

  private Messages() {}

  static ChaincodeMessage message(
      ChaincodeMessage.Type type, String channelId, String txId, ByteString payload) {
    return ChaincodeMessage.newBuilder()
        .setType(type)
        .setChannelId(channelId)
        .setTxid(txId)
        .setPayload(payload)
        .build();
  }

  /** ERROR with a UTF-8 text payload. */
  static ChaincodeMessage error(String channelId, String txId, String text) {
    return message(ChaincodeMessage.Type.ERROR, channelId, txId, ByteString.copyFromUtf8(text));
  }

  /** The first eight characters of a transaction id, for logs. */
  static String shortTxId(String txId) {
    return txId.length() <= 8 ? txId : txId.substring(0, 8);
  }
}
