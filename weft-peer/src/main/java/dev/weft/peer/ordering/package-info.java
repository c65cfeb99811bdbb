/**
 * The embedded single-node orderer: {@code orderer.AtomicBroadcast/Broadcast} accepts signed
 * envelopes for a channel, and each channel's {@link dev.weft.peer.ordering.ChannelOrderer} cuts
 * them into blocks chained as Fabric chains them (number, previous header hash, data hash) and
 * hands each block to the committer. By default a block is cut as soon as no further envelope is
 * waiting, so a lone transaction is ordered at once and many under load share a block. {@code
 * orderer.AtomicBroadcast/Deliver} serves the channel's blocks as the orderer cut them, through the
 * deliver component's request handling.
 */
package dev.weft.peer.ordering;
