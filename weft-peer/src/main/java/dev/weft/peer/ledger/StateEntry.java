package dev.weft.peer.ledger;

/**
 * One key of a namespace with its committed value, as a range scan returns it.
 *
 * @param key the key
 * @param value the committed value and version
 */
public record StateEntry(String key, VersionedValue value) {}
