package dev.weft.peer.commit;

import com.google.protobuf.ByteString;
import java.util.List;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.Endorsement;

/**
 * An endorser transaction whose envelope passed the structural and creator checks.
 *
 * @param channelHeader the envelope's channel header
 * @param chaincodeName the chaincode the client invoked (from the header extension)
 * @param proposalResponsePayload the bytes every endorser signed (followed by its identity)
 * @param action the chaincode action those bytes carry
 * @param readWriteSet the action's parsed read-write set
 * @param endorsements the endorsements
 */
record EndorsedTransaction(
    ChannelHeader channelHeader,
    String chaincodeName,
    ByteString proposalResponsePayload,
    ChaincodeAction action,
    TxReadWriteSet readWriteSet,
    List<Endorsement> endorsements) {

  String txId() {
    return channelHeader.getTxId();
  }
}
