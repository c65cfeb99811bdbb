/**
 * The channel ledger: a versioned, ordered state database, the history of every key, and the
 * transaction simulator that records a read-write set exactly as Fabric's does.
 *
 * <p>Keys are Java strings ordered as Fabric orders them: by the unsigned bytes of their UTF-8
 * encoding ({@link dev.weft.peer.ledger.KeyOrder}), which is what makes composite-key range queries
 * work.
 */
package dev.weft.peer.ledger;
