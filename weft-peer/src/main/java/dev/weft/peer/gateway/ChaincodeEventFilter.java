package dev.weft.peer.gateway;

import org.hyperledger.fabric.protos.peer.ChaincodeEvent;

/**
 * Which events of a ChaincodeEvents stream go to the client: those of the requested chaincode and,
 * when the request names a transaction to resume after, only those after that transaction's own
 * event. As in Fabric, events are passed over until an event of that transaction (of any chaincode)
 * has been seen, so a client resumes exactly after the last event it processed. Stateful: one per
 * stream.
 */
final class ChaincodeEventFilter {

  private final String chaincodeId;
  private final String afterTransactionId;
  private boolean passedAfterTransaction;

  ChaincodeEventFilter(String chaincodeId, String afterTransactionId) {
    this.chaincodeId = chaincodeId;
    this.afterTransactionId = afterTransactionId;
    this.passedAfterTransaction = afterTransactionId.isEmpty();
  }

  boolean accepts(ChaincodeEvent event) {
    if (!passedAfterTransaction) {
      passedAfterTransaction = event.getTxId().equals(afterTransactionId);
      return false;
    }
    return event.getChaincodeId().equals(chaincodeId);
  }
}
