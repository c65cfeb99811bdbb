package dev.weft.peer.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;

/** The transaction id of a block's data entry, read as leniently as Fabric's index reads it. */
final class TransactionIds {

  private TransactionIds() {}

  /** The entry's channel header txid, or empty if the entry is not an envelope with one. */
  static String of(ByteString blockData) {
    try {
      Payload payload = Payload.parseFrom(Envelope.parseFrom(blockData).getPayload());
      return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId();
    } catch (InvalidProtocolBufferException e) {
      return "";
    }
  }
}
