package dev.weft.peer.chaincode;

import io.grpc.CallOptions;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.CallStreamObserver;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/**
 * Dials chaincode servers (chaincode as a service) over {@code protos.Chaincode/Connect} and
 * attaches a {@link Handler} to the stream, exactly as for a chaincode that connected to the peer:
 * the chaincode sends REGISTER first. As with the Register service, a frame that does not parse
 * reaches the handler as a malformed message instead of failing the call.
 */
final class ChaincodeServerDialer {

  private static final MethodDescriptor<ChaincodeMessage, InboundMessage> CONNECT =
      ChaincodeGrpc.getConnectMethod().toBuilder(
              ChaincodeSupportService.MESSAGES, ChaincodeSupportService.INBOUND)
          .build();

  private final Function<CallStreamObserver<ChaincodeMessage>, Handler> newHandler;
  private final int maxInboundMessageSize;

  /**
   * @param newHandler makes the handler for a new stream, given its sending side
   * @param maxInboundMessageSize the largest message accepted from chaincode
   */
  ChaincodeServerDialer(
      Function<CallStreamObserver<ChaincodeMessage>, Handler> newHandler,
      int maxInboundMessageSize) {
    this.newHandler = newHandler;
    this.maxInboundMessageSize = maxInboundMessageSize;
  }

  /**
   * Connects to the chaincode server and opens the stream, waiting at most the endpoint's dial
   * timeout for the connection.
   *
   * @throws BuildFailure when the server cannot be reached or its TLS material is unusable
   */
  DialedChaincode dial(String chaincodeId, ChaincodeServerEndpoint endpoint) {
    ManagedChannel channel = channel(endpoint);
    try {
      awaitConnected(channel, endpoint);
    } catch (RuntimeException e) {
      channel.shutdownNow();
      throw e;
    }
    CompletableFuture<String> ended = new CompletableFuture<>();
    ClientCalls.asyncBidiStreamingCall(
        channel.newCall(CONNECT, CallOptions.DEFAULT),
        new ClientResponseObserver<ChaincodeMessage, InboundMessage>() {
          private Handler handler;

          @Override
          public void beforeStart(ClientCallStreamObserver<ChaincodeMessage> requests) {
            handler = newHandler.apply(requests);
          }

          @Override
          public void onNext(InboundMessage message) {
            handler.onNext(message);
          }

          @Override
          public void onError(Throwable error) {
            handler.onError(error);
            Status status = Status.fromThrowable(error);
            end(
                status.getCode()
                    + (status.getDescription() == null
                        ? ""
                        : " (" + status.getDescription() + ")"));
          }

          @Override
          public void onCompleted() {
            handler.onCompleted();
            end("the chaincode server closed the stream");
          }

          private void end(String reason) {
            channel.shutdownNow();
            ended.complete(
                "the connection to the chaincode server at "
                    + endpoint.address()
                    + " for "
                    + chaincodeId
                    + " ended: "
                    + reason);
          }
        });
    return new DialedChaincode(channel, ended);
  }

  /** A connection to a chaincode server. */
  static final class DialedChaincode {
    private final ManagedChannel channel;
    private final CompletableFuture<String> ended;

    private DialedChaincode(ManagedChannel channel, CompletableFuture<String> ended) {
      this.channel = channel;
      this.ended = ended;
    }

    /** Completes with the reason when the stream ends. */
    CompletableFuture<String> ended() {
      return ended;
    }

    /** Closes the connection, which ends the stream. */
    void close() {
      channel.shutdownNow();
    }
  }

  private ManagedChannel channel(ChaincodeServerEndpoint endpoint) {
    NettyChannelBuilder builder =
        NettyChannelBuilder.forTarget(endpoint.address())
            .maxInboundMessageSize(maxInboundMessageSize)
            // Fabric's client keepalive defaults.
            .keepAliveTime(1, TimeUnit.MINUTES)
            .keepAliveTimeout(20, TimeUnit.SECONDS);
    if (!endpoint.tlsRequired()) {
      return builder.usePlaintext().build();
    }
    try {
      SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(pem(endpoint.rootCertPem()));
      if (endpoint.clientAuthRequired()) {
        ssl.keyManager(pem(endpoint.clientCertPem()), pem(endpoint.clientKeyPem()));
      }
      return builder.sslContext(ssl.build()).build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new BuildFailure(
          "the TLS material in connection.json for " + endpoint.address() + " is unusable: " + e,
          e);
    }
  }

  private static ByteArrayInputStream pem(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void awaitConnected(ManagedChannel channel, ChaincodeServerEndpoint endpoint) {
    Duration timeout = endpoint.dialTimeout();
    long deadline = System.nanoTime() + timeout.toNanos();
    ConnectivityState state = channel.getState(true);
    while (state != ConnectivityState.READY) {
      long left = deadline - System.nanoTime();
      CountDownLatch changed = new CountDownLatch(1);
      channel.notifyWhenStateChanged(state, changed::countDown);
      try {
        if (left <= 0 || !changed.await(left, TimeUnit.NANOSECONDS)) {
          throw new BuildFailure(
              "cannot connect to the chaincode server at "
                  + endpoint.address()
                  + " within "
                  + timeout.toMillis()
                  + "ms (dial_timeout in connection.json); is it running?");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BuildFailure("interrupted while connecting to " + endpoint.address(), e);
      }
      state = channel.getState(true);
    }
  }
}
