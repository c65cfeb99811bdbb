package dev.weft.peer.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The chaincode events a committed block carries, as Fabric's gateway reads them: from its valid
 * endorser transactions only, in block order, one per transaction action that has an event with a
 * chaincode id, a name and a transaction id. A block whose envelopes or valid transactions do not
 * parse is an error; an action that does not parse is skipped.
 */
final class BlockChaincodeEvents {

  private BlockChaincodeEvents() {}

  static List<ChaincodeEvent> of(Block block) throws InvalidProtocolBufferException {
    ByteString filter =
        block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
            ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
            : ByteString.EMPTY;
    List<Payload> payloads = new ArrayList<>();
    for (ByteString data : block.getData().getDataList()) {
      payloads.add(Payload.parseFrom(Envelope.parseFrom(data).getPayload()));
    }
    List<ChaincodeEvent> events = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) {
      Payload payload = payloads.get(i);
      ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
      boolean valid = i < filter.size() && filter.byteAt(i) == TxValidationCode.VALID_VALUE;
      if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE || !valid) {
        continue;
      }
      for (TransactionAction action : Transaction.parseFrom(payload.getData()).getActionsList()) {
        try {
          ChaincodeAction chaincodeAction =
              ChaincodeAction.parseFrom(
                  ProposalResponsePayload.parseFrom(
                          ChaincodeActionPayload.parseFrom(action.getPayload())
                              .getAction()
                              .getProposalResponsePayload())
                      .getExtension());
          ChaincodeEvent event = ChaincodeEvent.parseFrom(chaincodeAction.getEvents());
          if (!event.getChaincodeId().isEmpty()
              && !event.getEventName().isEmpty()
              && !event.getTxId().isEmpty()) {
            events.add(event);
          }
        } catch (InvalidProtocolBufferException e) {
          // Fabric skips an action it cannot read.
        }
      }
    }
    return events;
  }
}
