package dev.weft.shim;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeAdditionalParams;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * A peer driven step by step by a test, over a real gRPC stream: it serves {@code
 * ChaincodeSupport/Register} on loopback (for a chaincode in client mode) or dials a chaincode
 * server's {@code Chaincode/Connect}, records what the chaincode sends, and sends what the test
 * tells it to.
 */
public final class ScriptedPeer implements AutoCloseable {

  public static final Duration WAIT = Duration.ofSeconds(10);
  public static final String CHANNEL = "mychannel";

  private final BlockingQueue<ChaincodeMessage> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<StreamObserver<ChaincodeMessage>> toChaincode =
      new CompletableFuture<>();
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private final Server server;
  private final ManagedChannel channel;

  private ScriptedPeer(Server server, ManagedChannel channel) {
    this.server = server;
    this.channel = channel;
  }

  /** A peer listening on a free loopback port, plaintext unless {@code builder} adds TLS. */
  public static ScriptedPeer listen(
      java.util.function.UnaryOperator<NettyServerBuilder> configure) {
    ScriptedPeer[] self = new ScriptedPeer[1];
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(ChaincodeSupportGrpc.SERVICE_NAME)
            .addMethod(
                ChaincodeSupportGrpc.getRegisterMethod(),
                ServerCalls.asyncBidiStreamingCall(
                    responses -> {
                      self[0].toChaincode.complete(responses);
                      return self[0].inbound();
                    }))
            .build();
    Server server =
        configure
            .apply(
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(service))
            .build();
    self[0] = new ScriptedPeer(server, null);
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return self[0];
  }

  public static ScriptedPeer listen() {
    return listen(builder -> builder);
  }

  /** A peer that dials a chaincode server over {@code channel} (which it then owns). */
  public static ScriptedPeer dial(ManagedChannel channel) {
    ScriptedPeer peer = new ScriptedPeer(null, channel);
    peer.toChaincode.complete(ChaincodeGrpc.newStub(channel).connect(peer.inbound()));
    return peer;
  }

  private StreamObserver<ChaincodeMessage> inbound() {
    return new StreamObserver<>() {
      @Override
      public void onNext(ChaincodeMessage message) {
        received.add(message);
      }

      @Override
      public void onError(Throwable t) {
        ended.complete(null);
      }

      @Override
      public void onCompleted() {
        ended.complete(null);
      }
    };
  }

  public String address() {
    return "127.0.0.1:" + ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
  }

  /** The next message from the chaincode; fails the test if none comes in time. */
  public ChaincodeMessage receive() {
    try {
      ChaincodeMessage message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(message).as("a message from the chaincode within " + WAIT).isNotNull();
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next message, which must be of {@code type}. */
  public ChaincodeMessage receive(ChaincodeMessage.Type type) {
    ChaincodeMessage message = receive();
    assertThat(message.getType()).as("message %s", message).isEqualTo(type);
    return message;
  }

  /** Nothing arrives within {@code millis}. */
  public void expectSilence(long millis) {
    try {
      assertThat(received.poll(millis, TimeUnit.MILLISECONDS)).isNull();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public synchronized void send(ChaincodeMessage message) {
    toChaincode.join().onNext(message);
  }

  /** Ends the stream from the peer's side. */
  public synchronized void hangUp() {
    toChaincode.join().onCompleted();
  }

  /** Whether the chaincode ended the stream within the wait. */
  public boolean endedByChaincode() {
    try {
      ended.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Expects REGISTER from {@code chaincodeId}, answers REGISTERED and READY with {@code params}.
   */
  public void acceptRegistration(String chaincodeId, ChaincodeAdditionalParams params) {
    ChaincodeMessage register = receive(ChaincodeMessage.Type.REGISTER);
    assertThat(ChaincodeMessages.parse(ChaincodeID.parser(), register.getPayload()).getName())
        .isEqualTo(chaincodeId);
    send(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.REGISTERED).build());
    ChaincodeMessage.Builder ready =
        ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.READY);
    if (params != null) {
      ready.setPayload(params.toByteString());
    }
    send(ready.build());
  }

  /** Sends a TRANSACTION with string arguments. */
  public void startTransaction(String txId, String... args) {
    ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
    for (String arg : args) {
      input.addArgs(ByteString.copyFromUtf8(arg));
    }
    send(
        ChaincodeMessage.newBuilder()
            .setType(ChaincodeMessage.Type.TRANSACTION)
            .setChannelId(CHANNEL)
            .setTxid(txId)
            .setPayload(input.build().toByteString())
            .build());
  }

  /** Answers a request with RESPONSE and a payload. */
  public void respond(ChaincodeMessage request, ByteString payload) {
    send(
        ChaincodeMessage.newBuilder()
            .setType(ChaincodeMessage.Type.RESPONSE)
            .setChannelId(request.getChannelId())
            .setTxid(request.getTxid())
            .setPayload(payload)
            .build());
  }

  public void respond(ChaincodeMessage request, MessageLite.Builder payload) {
    respond(request, payload.build().toByteString());
  }

  public void respond(ChaincodeMessage request, MessageLite payload) {
    respond(request, payload.toByteString());
  }

  public void respond(ChaincodeMessage request) {
    respond(request, ByteString.EMPTY);
  }

  /** Answers a request with ERROR and a text. */
  public void fail(ChaincodeMessage request, String text) {
    send(
        ChaincodeMessage.newBuilder()
            .setType(ChaincodeMessage.Type.ERROR)
            .setChannelId(request.getChannelId())
            .setTxid(request.getTxid())
            .setPayload(ByteString.copyFromUtf8(text))
            .build());
  }

  /** Expects COMPLETED for {@code txId} and returns its response. */
  public Response completed(String txId) {
    ChaincodeMessage completed = receive(ChaincodeMessage.Type.COMPLETED);
    assertThat(completed.getTxid()).isEqualTo(txId);
    return ChaincodeMessages.parse(Response.parser(), completed.getPayload());
  }

  @Override
  public void close() {
    if (server != null) {
      server.shutdownNow();
      try {
        server.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (channel != null) {
      channel.shutdownNow();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
