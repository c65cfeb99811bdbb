package dev.weft.shim;

import static dev.weft.shim.Messages.shortTxId;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaincode's side of one stream to a peer: sends REGISTER, follows the peer through REGISTERED
 * and READY, runs each TRANSACTION and INIT on the executor, and routes the peer's RESPONSE and
 * ERROR replies to the transactions waiting for them.
 *
 * <p>A bad message from the peer affects only its transaction: an unknown message type gets an
 * ERROR back, a reply for a transaction that is not waiting is logged and dropped. When the stream
 * ends, every waiting request fails and {@link #terminated()} completes.
 */
final class ChaincodeHandler implements StreamObserver<ChaincodeMessage> {

  private static final Logger log = LoggerFactory.getLogger(ChaincodeHandler.class);

  private enum State {
    CREATED,
    ESTABLISHED,
    READY,
    CLOSED
  }

  private final String chaincodeId;
  private final Chaincode chaincode;
  private final Executor executor;
  private final String localMspId;
  private final PendingCalls calls = new PendingCalls();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private volatile OutboundStream out;
  private volatile State state = State.CREATED;
  private volatile PeerFeatures features = PeerFeatures.NONE;

  ChaincodeHandler(String chaincodeId, Chaincode chaincode, Executor executor, String localMspId) {
    this.chaincodeId = chaincodeId;
    this.chaincode = chaincode;
    this.executor = executor;
    this.localMspId = localMspId;
  }

  /** Starts the conversation on a stream: REGISTER with this chaincode's id. */
  void start(StreamObserver<ChaincodeMessage> outbound) {
    out = new OutboundStream(outbound);
    out.send(
        ChaincodeMessage.newBuilder()
            .setType(ChaincodeMessage.Type.REGISTER)
            .setPayload(ChaincodeID.newBuilder().setName(chaincodeId).build().toByteString())
            .build());
  }

  /** Completes when the peer has sent READY. */
  CompletableFuture<Void> ready() {
    return ready;
  }

  /** Completes when the stream has ended: normally if this side closed it. */
  CompletableFuture<Void> terminated() {
    return terminated;
  }

  PeerFeatures features() {
    return features;
  }

  /** Ends the stream from the chaincode's side. */
  void close() {
    out.complete();
    terminate(null);
  }

  @Override
  public void onNext(ChaincodeMessage message) {
    if (message.getType() == ChaincodeMessage.Type.KEEPALIVE) {
      // The peer pings; Fabric's shims answer in kind.
      out.send(message);
      return;
    }
    switch (state) {
      case CREATED -> expect(message, ChaincodeMessage.Type.REGISTERED, State.ESTABLISHED);
      case ESTABLISHED -> {
        if (expect(message, ChaincodeMessage.Type.READY, State.READY)) {
          features = PeerFeatures.fromReadyPayload(message.getPayload());
          log.info("chaincode {} registered and ready; peer features: {}", chaincodeId, features);
          ready.complete(null);
        }
      }
      case READY -> handleReady(message);
      case CLOSED -> log.debug("dropping {} received after the stream ended", message.getType());
    }
  }

  @Override
  public void onError(Throwable error) {
    out.markClosed();
    terminate(
        new ChaincodeException(
            "the stream to the peer failed: " + Status.fromThrowable(error), error));
  }

  @Override
  public void onCompleted() {
    out.complete();
    terminate(new ChaincodeException("the peer closed the stream"));
  }

  /**
   * Sends a transaction's request and waits for the peer's reply; returns the RESPONSE payload.
   * Throws {@link ChaincodeException} with the peer's text on ERROR, or when the stream ends.
   */
  ByteString call(ChaincodeMessage request) {
    CompletableFuture<ChaincodeMessage> reply =
        calls.open(request.getChannelId(), request.getTxid());
    if (!out.send(request)) {
      calls.forget(request.getChannelId(), request.getTxid());
      throw new ChaincodeException(
          "cannot send " + request.getType() + " to the peer: the stream has ended");
    }
    ChaincodeMessage message = await(reply, request);
    return switch (message.getType()) {
      case RESPONSE -> message.getPayload();
      case ERROR -> throw new ChaincodeException(message.getPayload().toStringUtf8());
      default ->
          throw new ChaincodeException(
              "["
                  + shortTxId(request.getTxid())
                  + "] the peer answered "
                  + request.getType()
                  + " with "
                  + message.getType()
                  + "; expected RESPONSE or ERROR");
    };
  }

  private static ChaincodeMessage await(
      CompletableFuture<ChaincodeMessage> reply, ChaincodeMessage request) {
    try {
      return reply.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChaincodeException(
          "interrupted waiting for the peer's reply to " + request.getType());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ChaincodeException cause) {
        throw new ChaincodeException(cause.getMessage(), cause);
      }
      throw new ChaincodeException("waiting for the peer failed: " + e.getCause(), e.getCause());
    }
  }

  private boolean expect(ChaincodeMessage message, ChaincodeMessage.Type type, State next) {
    if (message.getType() == type) {
      state = next;
      return true;
    }
    String reason =
        "chaincode "
            + chaincodeId
            + " cannot handle "
            + message.getType()
            + " from the peer while in state "
            + state
            + " (expected "
            + type
            + ")";
    if (message.getType() == ChaincodeMessage.Type.ERROR) {
      reason =
          "the peer refused the registration of "
              + chaincodeId
              + ": "
              + message.getPayload().toStringUtf8();
    } else {
      out.send(Messages.error(message.getChannelId(), message.getTxid(), reason));
    }
    log.error(reason);
    out.complete();
    terminate(new ChaincodeException(reason));
    return false;
  }

  private void handleReady(ChaincodeMessage message) {
    switch (message.getType()) {
      case RESPONSE, ERROR -> {
        if (!calls.complete(message)) {
          log.warn(
              "[{}] dropping a {} from the peer for transaction {} on channel '{}': no request of"
                  + " that transaction is waiting",
              shortTxId(message.getTxid()),
              message.getType(),
              message.getTxid(),
              message.getChannelId());
        }
      }
      case TRANSACTION, INIT -> {
        try {
          executor.execute(() -> execute(message));
        } catch (RejectedExecutionException e) {
          out.send(
              Messages.error(
                  message.getChannelId(),
                  message.getTxid(),
                  "chaincode " + chaincodeId + " is shutting down"));
        }
      }
      default -> {
        String reason =
            "chaincode "
                + chaincodeId
                + " cannot handle a "
                + message.getType()
                + " message from the peer in state READY";
        log.warn("[{}] {}", shortTxId(message.getTxid()), reason);
        out.send(Messages.error(message.getChannelId(), message.getTxid(), reason));
      }
    }
  }

  /** Runs one transaction and sends its COMPLETED or ERROR. */
  private void execute(ChaincodeMessage message) {
    ChaincodeMessage reply;
    try {
      reply = outcome(message);
    } catch (RuntimeException | Error e) {
      log.error(
          "[{}] chaincode {} failed on {} {}",
          shortTxId(message.getTxid()),
          chaincodeId,
          message.getType(),
          message.getTxid(),
          e);
      String text = e.getMessage() != null ? e.getMessage() : e.toString();
      reply = Messages.error(message.getChannelId(), message.getTxid(), text);
    }
    out.send(reply);
  }

  private ChaincodeMessage outcome(ChaincodeMessage message) {
    ChaincodeInput input;
    try {
      input = ChaincodeInput.parseFrom(message.getPayload());
    } catch (InvalidProtocolBufferException e) {
      throw new ChaincodeException("failed to unmarshal input: " + e.getMessage());
    }
    TransactionStub stub = new TransactionStub(this, message, input, features, localMspId);
    boolean init = message.getType() == ChaincodeMessage.Type.INIT;
    Response response = init ? chaincode.init(stub) : chaincode.invoke(stub);
    if (response == null) {
      throw new ChaincodeException("chaincode " + chaincodeId + " returned no response");
    }
    if (init && response.status() >= Response.ERROR) {
      return Messages.error(message.getChannelId(), message.getTxid(), response.message());
    }
    stub.flushWrites();
    ChaincodeMessage.Builder completed =
        ChaincodeMessage.newBuilder()
            .setType(ChaincodeMessage.Type.COMPLETED)
            .setChannelId(message.getChannelId())
            .setTxid(message.getTxid())
            .setPayload(
                org.hyperledger.fabric.protos.peer.Response.newBuilder()
                    .setStatus(response.status())
                    .setMessage(response.message())
                    .setPayload(ByteString.copyFrom(response.payload()))
                    .build()
                    .toByteString());
    stub.event().ifPresent(completed::setChaincodeEvent);
    return completed.build();
  }

  private void terminate(ChaincodeException reason) {
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
    }
    ChaincodeException failure =
        reason != null ? reason : new ChaincodeException("the chaincode closed the stream");
    calls.failAll(failure);
    ready.completeExceptionally(failure);
    if (reason == null) {
      log.info("chaincode {} closed its stream to the peer", chaincodeId);
      terminated.complete(null);
    } else {
      log.error("chaincode {}: {}", chaincodeId, reason.getMessage());
      terminated.completeExceptionally(reason);
    }
  }
}
