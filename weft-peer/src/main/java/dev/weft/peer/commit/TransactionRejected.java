package dev.weft.peer.commit;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** A transaction found invalid, with the validation code Fabric gives it and the reason. */
final class TransactionRejected extends Exception {

  private static final long serialVersionUID = 1L;

  private final TxValidationCode code;

  TransactionRejected(TxValidationCode code, String reason) {
    super(reason);
    this.code = code;
  }

  TxValidationCode code() {
    return code;
  }
}
