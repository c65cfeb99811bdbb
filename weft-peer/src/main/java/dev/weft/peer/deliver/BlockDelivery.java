package dev.weft.peer.deliver;

import dev.weft.peer.channel.Channel;
import dev.weft.peer.ledger.BlockStore;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests of Deliver streams with a channel's stored blocks, as Fabric's deliver
 * handler does for both the peer and the orderer. Each request is a signed envelope carrying a
 * {@code SeekInfo}: the requester must be allowed (unexpired, and satisfying the endpoint's readers
 * policy), then the blocks of its {@link SeekRange} are sent, waiting for those not yet stored
 * unless it asked to fail instead (NOT_FOUND), and a SUCCESS status ends it; the stream stays open
 * for the next request. Any other status ends the stream too, as in Fabric. A request that waits
 * for blocks holds its thread until they come or the client goes away.
 */
public final class BlockDelivery {

  private static final Logger log = LoggerFactory.getLogger(BlockDelivery.class);
  private static final long WAIT_SLICE_MILLIS = 200;

  private final Function<String, Channel> channels;
  private final Map<String, BlockStore> blocks;
  private final Clock clock;

  /**
   * @param channels the channel of an id, or null
   * @param blocks each channel's block store
   * @param clock tells whether a requester's certificate has expired
   */
  public BlockDelivery(
      Function<String, Channel> channels, Map<String, BlockStore> blocks, Clock clock) {
    this.channels = channels;
    this.blocks = Map.copyOf(blocks);
    this.clock = clock;
  }

  /**
   * The handler of a Deliver stream's requests.
   *
   * @param responses the server side of the stream (a gRPC server call)
   * @param endpoint the service's policy and response messages
   */
  public <R> StreamObserver<Envelope> serve(
      StreamObserver<R> responses, DeliverEndpoint<R> endpoint) {
    ServerCallStreamObserver<R> call = (ServerCallStreamObserver<R>) responses;
    // With a cancel handler, a block sent just after the client went away is dropped quietly
    // instead of throwing.
    call.setOnCancelHandler(() -> log.debug("deliver stream cancelled by the client"));
    return new StreamObserver<>() {
      private boolean ended; // gRPC calls these methods one at a time

      @Override
      public void onNext(Envelope request) {
        if (ended) {
          return;
        }
        Status status = answer(request, call, endpoint);
        if (status == null || call.isCancelled()) {
          return;
        }
        call.onNext(endpoint.statusResponse().apply(status));
        if (status != Status.SUCCESS) {
          ended = true;
          call.onCompleted();
        }
      }

      @Override
      public void onError(Throwable t) {
        log.debug("deliver stream ended by the client: {}", t.toString());
      }

      @Override
      public void onCompleted() {
        if (!ended && !call.isCancelled()) {
          ended = true;
          call.onCompleted();
        }
      }
    };
  }

  /** Sends what one request asks for; returns the status that ends it, null if cancelled. */
  private <R> Status answer(
      Envelope envelope, ServerCallStreamObserver<R> call, DeliverEndpoint<R> endpoint) {
    SeekRequest request = null;
    try {
      request = SeekRequest.parse(envelope);
      return send(request, call, endpoint) ? Status.SUCCESS : null;
    } catch (Refusal refusal) {
      log.warn(
          "deliver request{} refused with {}: {}",
          request == null ? "" : " on channel " + request.channelId(),
          refusal.status(),
          refusal.getMessage());
      return refusal.status();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Status.SERVICE_UNAVAILABLE;
    }
  }

  /** Sends the requested blocks; false if the client went away first. */
  private <R> boolean send(
      SeekRequest request, ServerCallStreamObserver<R> call, DeliverEndpoint<R> endpoint)
      throws Refusal, InterruptedException {
    String channelId = request.channelId();
    Channel channel = channels.apply(channelId);
    BlockStore store = blocks.get(channelId);
    if (channel == null || store == null) {
      throw new Refusal(Status.NOT_FOUND, "channel " + channelId + " not found");
    }
    SeekInfo seek = request.seek();
    RequesterAccess access =
        new RequesterAccess(channel, endpoint.readersPolicy().apply(channel), request, clock);
    access.check();
    SeekRange range = SeekRange.of(seek, store.firstNumber(), store.nextNumber());
    boolean failIfNotReady = seek.getBehavior() == SeekInfo.SeekBehavior.FAIL_IF_NOT_READY;
    for (long number = range.start(); ; number++) {
      if (failIfNotReady && Long.compareUnsigned(number, store.nextNumber()) >= 0) {
        throw new Refusal(
            Status.NOT_FOUND,
            "block "
                + Long.toUnsignedString(number)
                + " not found, and the request would not wait");
      }
      while (!store.awaitBlock(number, WAIT_SLICE_MILLIS)) {
        if (call.isCancelled()) {
          return false;
        }
      }
      if (call.isCancelled()) {
        return false;
      }
      long wanted = number;
      Block block =
          store
              .block(number)
              .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "block " + wanted + " is not held"));
      access.check();
      call.onNext(endpoint.blockResponse().apply(block, channelId));
      if (number == range.stop()) {
        return true;
      }
    }
  }
}
