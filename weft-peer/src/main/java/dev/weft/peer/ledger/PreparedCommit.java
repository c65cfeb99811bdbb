package dev.weft.peer.ledger;

import java.util.List;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A block checked for read conflicts and ready to apply.
 *
 * @param validationCodes each transaction's verdict: VALID, MVCC_READ_CONFLICT,
 *     PHANTOM_READ_CONFLICT, or BAD_RWSET for a read-write set that does not parse
 * @param updates the state changes and history entries of the valid ones
 * @param savepoint the height the state will be at
 */
public record PreparedCommit(
    List<TxValidationCode> validationCodes, BlockUpdates updates, Height savepoint) {

  public PreparedCommit {
    validationCodes = List.copyOf(validationCodes);
  }
}
