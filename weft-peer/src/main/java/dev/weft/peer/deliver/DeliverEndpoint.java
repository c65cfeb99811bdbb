package dev.weft.peer.deliver;

import dev.weft.peer.channel.Channel;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Status;

/**
 * What tells one Deliver service from another (the peer's, the orderer's; whole or filtered
 * blocks): the policy a requester must satisfy and the messages its responses are.
 *
 * @param readersPolicy the path of the policy a channel's requesters must satisfy
 * @param blockResponse the response carrying a stored block of a channel (block, channel id)
 * @param statusResponse the response that ends a request
 * @param <R> the service's response message
 */
public record DeliverEndpoint<R>(
    Function<Channel, String> readersPolicy,
    BiFunction<Block, String, R> blockResponse,
    Function<Status, R> statusResponse) {}
