package dev.weft.peer.ledger;

import com.google.protobuf.Timestamp;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;

/**
 * A transaction of a block that passed the committer's checks (signatures, policies), handed to the
 * ledger, which checks it for read conflicts and applies its writes if it has none.
 *
 * @param txNum the transaction's index in its block
 * @param txId the transaction id
 * @param timestamp the timestamp of the transaction's channel header, kept in key histories
 * @param readWriteSet the transaction's public read-write set
 */
public record ValidTransaction(
    int txNum, String txId, Timestamp timestamp, TxReadWriteSet readWriteSet) {}
