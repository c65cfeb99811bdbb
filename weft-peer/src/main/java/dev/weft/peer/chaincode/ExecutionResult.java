package dev.weft.peer.chaincode;

import java.util.Optional;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * What a chaincode execution produced.
 *
 * @param response the chaincode's response, whatever its status
 * @param event the event the chaincode set, with chaincode id and transaction id filled in by the
 *     peer; the endorser drops it when the status is 400 or more
 * @param readWriteSet the simulation's public read-write set
 */
public record ExecutionResult(
    Response response, Optional<ChaincodeEvent> event, TxReadWriteSet readWriteSet) {}
