package dev.weft.peer.config;

/**
 * How the peer keeps its ledgers.
 *
 * @param historyEnabled whether key histories are kept (GET_HISTORY_FOR_KEY fails without them)
 */
public record LedgerConfig(boolean historyEnabled) {}
