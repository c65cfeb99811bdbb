package dev.weft.peer.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeAdditionalParams;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;

/**
 * A chaincode driven step by step by a test: it speaks the raw protocol over a real gRPC stream to
 * the peer, so a test can send any message (or a malformed frame) and see exactly what the peer
 * answers.
 */
public final class ScriptedChaincode implements AutoCloseable {

  /** How long {@link #receive()} waits before failing the test. */
  public static final Duration WAIT = Duration.ofSeconds(10);

  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private static final MethodDescriptor<byte[], byte[]> REGISTER =
      ChaincodeSupportGrpc.getRegisterMethod().toBuilder(BYTES, BYTES).build();

  private final ManagedChannel channel;
  private final StreamObserver<byte[]> requests;
  private final BlockingQueue<ChaincodeMessage> inbound = new LinkedBlockingQueue<>();
  private final CompletableFuture<Status> closed = new CompletableFuture<>();

  private ScriptedChaincode(ManagedChannel channel) {
    this.channel = channel;
    ClientCall<byte[], byte[]> call = channel.newCall(REGISTER, CallOptions.DEFAULT);
    this.requests =
        ClientCalls.asyncBidiStreamingCall(
            call,
            new StreamObserver<>() {
              @Override
              public void onNext(byte[] frame) {
                try {
                  inbound.add(ChaincodeMessage.parseFrom(frame));
                } catch (InvalidProtocolBufferException e) {
                  closed.completeExceptionally(e);
                }
              }

              @Override
              public void onError(Throwable t) {
                closed.complete(Status.fromThrowable(t));
              }

              @Override
              public void onCompleted() {
                closed.complete(Status.OK);
              }
            });
  }

  /** Opens a stream to the peer's chaincode listener; nothing is sent yet. */
  public static ScriptedChaincode connect(InetSocketAddress peer) {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(peer.getHostString(), peer.getPort()).usePlaintext().build();
    return new ScriptedChaincode(channel);
  }

  /**
   * Opens a stream over a channel the test built (with TLS, say); nothing is sent yet, and {@link
   * #close} shuts the channel down.
   */
  public static ScriptedChaincode over(ManagedChannel channel) {
    return new ScriptedChaincode(channel);
  }

  /** Connects and registers as {@code chaincodeId}; returns what READY announced. */
  public static ScriptedChaincode register(InetSocketAddress peer, String chaincodeId) {
    ScriptedChaincode chaincode = connect(peer);
    chaincode.sendRegister(chaincodeId);
    chaincode.expect(ChaincodeMessage.Type.REGISTERED);
    chaincode.readyParams = chaincode.expect(ChaincodeMessage.Type.READY);
    return chaincode;
  }

  private ChaincodeMessage readyParams;

  /** The READY message received by {@link #register}. */
  public ChaincodeAdditionalParams readyPayload() {
    try {
      return ChaincodeAdditionalParams.parseFrom(readyParams.getPayload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("READY payload is not ChaincodeAdditionalParams", e);
    }
  }

  public void sendRegister(String chaincodeId) {
    send(
        ChaincodeMessage.newBuilder()
            .setType(ChaincodeMessage.Type.REGISTER)
            .setPayload(ChaincodeID.newBuilder().setName(chaincodeId).build().toByteString())
            .build());
  }

  public void send(ChaincodeMessage message) {
    sendFrame(message.toByteArray());
  }

  /** Sends arbitrary bytes as one frame, well formed or not. */
  public void sendFrame(byte[] frame) {
    synchronized (requests) {
      requests.onNext(frame);
    }
  }

  /** Sends a request of a transaction. */
  public void request(
      ChaincodeMessage.Type type, String channelId, String txId, MessageLite payload) {
    send(message(type, channelId, txId, payload.toByteString()));
  }

  /** Sends a request and returns the peer's reply (the next message received). */
  public ChaincodeMessage call(
      ChaincodeMessage.Type type, String channelId, String txId, MessageLite payload) {
    request(type, channelId, txId, payload);
    return receive();
  }

  /** Sends COMPLETED with a response of status 200 and the given payload. */
  public void complete(ChaincodeMessage transaction, ByteString payload) {
    send(
        message(
            ChaincodeMessage.Type.COMPLETED,
            transaction.getChannelId(),
            transaction.getTxid(),
            org.hyperledger.fabric.protos.peer.Response.newBuilder()
                .setStatus(200)
                .setPayload(payload)
                .build()
                .toByteString()));
  }

  public static ChaincodeMessage message(
      ChaincodeMessage.Type type, String channelId, String txId, ByteString payload) {
    return ChaincodeMessage.newBuilder()
        .setType(type)
        .setChannelId(channelId)
        .setTxid(txId)
        .setPayload(payload)
        .build();
  }

  /** The next message from the peer; fails if none arrives in {@link #WAIT}. */
  public ChaincodeMessage receive() {
    try {
      ChaincodeMessage message = inbound.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (message == null) {
        throw new AssertionError("the peer sent nothing within " + WAIT);
      }
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The next message from the peer, if one arrives within {@code wait}. */
  public ChaincodeMessage poll(Duration wait) throws InterruptedException {
    return inbound.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next message, which must be of the given type. */
  public ChaincodeMessage expect(ChaincodeMessage.Type type) {
    ChaincodeMessage message = receive();
    if (message.getType() != type) {
      throw new AssertionError("expected " + type + " but the peer sent " + message);
    }
    return message;
  }

  /** How the peer ended the stream; fails if it is still open after {@link #WAIT}. */
  public Status awaitClose() {
    try {
      return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("the stream is still open", e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  /** Ends the stream from the chaincode's side, as a process exit would. */
  public void disconnect() {
    synchronized (requests) {
      requests.onError(Status.CANCELLED.withDescription("chaincode exits").asRuntimeException());
    }
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      try {
        synchronized (requests) {
          requests.onCompleted();
        }
      } catch (RuntimeException ignored) {
        // already ended
      }
    }
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
