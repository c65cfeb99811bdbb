/**
 * The peer's {@code protos.Deliver} service: a channel's committed blocks, whole or filtered, to
 * clients allowed by the channel's Readers policy, with Fabric's seek semantics (oldest, newest, a
 * block number; stop at a block or never; wait for blocks not yet committed or fail).
 */
package dev.weft.peer.deliver;
