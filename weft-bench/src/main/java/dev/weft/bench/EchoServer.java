package dev.weft.bench;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;

/**
 * The floor: a bare gRPC server on the same bidirectional method as the peer's chaincode listener,
 * built the same way, that answers every message at once with a prepared reply of the size the peer
 * would send, and does nothing else.
 */
final class EchoServer implements AutoCloseable {

  private final Server server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> daemon(r));

  /**
   * @param replies the reply to each inbound message (same transaction id)
   */
  EchoServer(UnaryOperator<ChaincodeMessage> replies) {
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(ChaincodeSupportGrpc.SERVICE_NAME)
            .addMethod(
                ChaincodeSupportGrpc.getRegisterMethod(),
                ServerCalls.asyncBidiStreamingCall(
                    responses ->
                        new StreamObserver<ChaincodeMessage>() {
                          @Override
                          public void onNext(ChaincodeMessage message) {
                            ChaincodeMessage reply = replies.apply(message);
                            synchronized (responses) {
                              responses.onNext(reply);
                            }
                          }

                          @Override
                          public void onError(Throwable t) {}

                          @Override
                          public void onCompleted() {
                            responses.onCompleted();
                          }
                        }))
            .build();
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(service)
            .executor(executor)
            .build();
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, "echo");
    thread.setDaemon(true);
    return thread;
  }
}
