package dev.weft.peer.ledger;

import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;

/**
 * One committed write or delete of a key, for its history.
 *
 * @param namespace the chaincode namespace
 * @param key the key
 * @param height the block and transaction that wrote it
 * @param modification what a history query returns for it
 */
public record HistoryEntry(
    String namespace, String key, Height height, KeyModification modification) {}
