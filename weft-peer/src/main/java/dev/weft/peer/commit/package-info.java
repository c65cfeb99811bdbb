/**
 * The committer's checks of a block's transactions, as Fabric's transaction validator makes them:
 * the envelope and its creator's signature, the endorser transaction's structure and proposal hash,
 * duplicate transaction ids, and the endorsement policy of every namespace the transaction writes:
 * its committed chaincode definition's ({@link dev.weft.peer.commit.ChaincodeValidationInfo}), or
 * the configured one for a chaincode without a definition. Read conflicts (MVCC) are the ledger's
 * check, made as it applies the block.
 */
package dev.weft.peer.commit;
