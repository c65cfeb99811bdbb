/**
 * The channel ledger: its blocks and transaction index, a versioned, ordered state database, the
 * history of every key, and the transaction simulator that records a read-write set exactly as
 * Fabric's does. A block is committed to all of them in one atomic write ({@link
 * dev.weft.peer.ledger.RocksDbLedgerStorage}).
 *
 * <p>Keys are Java strings ordered as Fabric orders them: by the unsigned bytes of their UTF-8
 * encoding ({@link dev.weft.peer.ledger.KeyOrder}), which is what makes composite-key range queries
 * work.
 */
package dev.weft.peer.ledger;
