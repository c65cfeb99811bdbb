/**
 * Deliver: a channel's stored blocks to clients allowed to read them, with Fabric's seek semantics
 * (oldest, newest, a block number, the next commit; stop at a block or never; wait for blocks not
 * yet stored or fail). {@link dev.weft.peer.deliver.BlockDelivery} is the request handling that, as
 * in Fabric, the peer's {@code protos.Deliver} ({@link dev.weft.peer.deliver.DeliverService}) and
 * the embedded orderer's {@code orderer.AtomicBroadcast/Deliver} share; a {@link
 * dev.weft.peer.deliver.DeliverEndpoint} says what differs between them.
 */
package dev.weft.peer.deliver;
