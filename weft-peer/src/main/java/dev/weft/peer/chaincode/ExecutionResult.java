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
 * @param chaincodeVersion the version the endorsement names: the committed definition's version,
 *     {@link #SYSTEM_CHAINCODE_VERSION} for a system chaincode, {@link #UNDEFINED_VERSION} for a
 *     chaincode without a definition (development mode)
 */
public record ExecutionResult(
    Response response,
    Optional<ChaincodeEvent> event,
    TxReadWriteSet readWriteSet,
    String chaincodeVersion) {

  /** The version of system chaincodes in endorsements, Fabric's {@code scc.SysCCVersion}. */
  public static final String SYSTEM_CHAINCODE_VERSION = "syscc";

  /** The version of a chaincode that has no definition: the caller knows better. */
  public static final String UNDEFINED_VERSION = "";

  /** A result of a chaincode without a definition. */
  public ExecutionResult(
      Response response, Optional<ChaincodeEvent> event, TxReadWriteSet readWriteSet) {
    this(response, event, readWriteSet, UNDEFINED_VERSION);
  }

  /** This result naming {@code version} instead. */
  public ExecutionResult withChaincodeVersion(String version) {
    return new ExecutionResult(response, event, readWriteSet, version);
  }
}
