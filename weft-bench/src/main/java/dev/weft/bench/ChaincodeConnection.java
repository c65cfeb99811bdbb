package dev.weft.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;

/**
 * One {@code ChaincodeSupport/Register} stream opened by a chaincode: to the Weft peer, or to a
 * bare echo server that speaks the same method. Replies are matched to calls by transaction id;
 * messages that answer no call go to {@code unsolicited}.
 */
final class ChaincodeConnection implements AutoCloseable {

  private final ManagedChannel channel;
  private final StreamObserver<ChaincodeMessage> outbound;
  private final Map<String, CompletableFuture<ChaincodeMessage>> calls = new ConcurrentHashMap<>();

  ChaincodeConnection(int port, Consumer<ChaincodeMessage> unsolicited) {
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    outbound =
        ChaincodeSupportGrpc.newStub(channel)
            .register(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ChaincodeMessage message) {
                    CompletableFuture<ChaincodeMessage> call = calls.remove(message.getTxid());
                    if (call != null) {
                      call.complete(message);
                    } else {
                      unsolicited.accept(message);
                    }
                  }

                  @Override
                  public void onError(Throwable t) {
                    calls.values().forEach(c -> c.completeExceptionally(t));
                  }

                  @Override
                  public void onCompleted() {}
                });
  }

  /** Sends REGISTER; REGISTERED and READY arrive as unsolicited messages. */
  void register(String chaincodeId) {
    send(
        ChaincodeMessage.newBuilder()
            .setType(ChaincodeMessage.Type.REGISTER)
            .setPayload(ChaincodeID.newBuilder().setName(chaincodeId).build().toByteString())
            .build());
  }

  /** Sends a message and completes with the next message carrying the same transaction id. */
  CompletableFuture<ChaincodeMessage> call(ChaincodeMessage message) {
    CompletableFuture<ChaincodeMessage> reply = new CompletableFuture<>();
    calls.put(message.getTxid(), reply);
    send(message);
    return reply;
  }

  synchronized void send(ChaincodeMessage message) {
    outbound.onNext(message);
  }

  @Override
  public void close() {
    synchronized (this) {
      outbound.onCompleted();
    }
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
