package dev.weft.peer.chaincode;

import static dev.weft.peer.chaincode.ChaincodeMessages.shortTxId;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.config.ChaincodeConfig;
import dev.weft.peer.config.RuntimeParams;
import dev.weft.peer.config.Setting;
import dev.weft.peer.ledger.LedgerException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeAdditionalParams;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's side of one chaincode stream: the registration handshake, the requests of the
 * transactions the chaincode is executing, and the end of those transactions.
 *
 * <p>States as in Fabric: {@code CREATED} until REGISTER, then REGISTERED and READY are sent back
 * to back and the handler is {@code READY}. A message that does not fit the state gets an ERROR and
 * ends the stream. KEEPALIVE from the chaincode is ignored in every state.
 *
 * <p>Inbound messages arrive one at a time on a gRPC thread and are never blocked on: requests go
 * to their transaction's queue and replies are sent when the work completes.
 */
final class Handler implements StreamObserver<InboundMessage> {

  private static final Logger log = LoggerFactory.getLogger(Handler.class);

  private enum State {
    CREATED,
    ESTABLISHED,
    READY,
    CLOSED
  }

  private final ChaincodeStream stream;
  private final HandlerRegistry registry;
  private final ChaincodeRequests requests;
  private final ChaincodeConfig config;
  private final ChaincodeMetrics metrics;
  private final ScheduledExecutorService scheduler;
  private final Executor executor;
  private final DisconnectReasons disconnectReasons;
  private final TransactionContexts contexts = new TransactionContexts();

  private volatile State state = State.CREATED;
  private volatile String chaincodeId = "";
  private ScheduledFuture<?> keepalive;

  /**
   * @param scheduler runs execute timeouts and keepalives; its tasks only hand work to {@code
   *     executor}
   * @param executor completes timed-out executions, so that whatever waits on them does not run on
   *     the scheduler
   * @param disconnectReasons what to tell the transactions in flight when the stream ends
   */
  Handler(
      ChaincodeStream stream,
      HandlerRegistry registry,
      ChaincodeRequests requests,
      ChaincodeConfig config,
      ChaincodeMetrics metrics,
      ScheduledExecutorService scheduler,
      Executor executor,
      DisconnectReasons disconnectReasons) {
    this.stream = stream;
    this.registry = registry;
    this.requests = requests;
    this.config = config;
    this.metrics = metrics;
    this.scheduler = scheduler;
    this.executor = executor;
    this.disconnectReasons = disconnectReasons;
  }

  boolean isReady() {
    return state == State.READY;
  }

  /** The id the chaincode registered with; empty before REGISTER. */
  String chaincodeId() {
    return chaincodeId;
  }

  @Override
  public void onNext(InboundMessage inbound) {
    if (inbound.isMalformed()) {
      log.warn(
          "chaincode {} sent a frame that is not a ChaincodeMessage: {}",
          describeChaincode(),
          inbound.malformation());
      stream.send(
          ChaincodeMessages.error(
              "", "", "malformed ChaincodeMessage (ignored): " + inbound.malformation()));
      return;
    }
    ChaincodeMessage message = inbound.message();
    if (message.getType() == ChaincodeMessage.Type.KEEPALIVE) {
      return;
    }
    switch (state) {
      case CREATED -> {
        if (message.getType() == ChaincodeMessage.Type.REGISTER) {
          register(message);
        } else {
          endForProtocolViolation(message, "created");
        }
      }
      case READY -> handleReady(message);
      default -> log.debug("dropping {} received after the stream ended", message.getType());
    }
  }

  @Override
  public void onError(Throwable error) {
    stream.markClosed();
    Status status = Status.fromThrowable(error);
    terminate(
        "its stream ended: "
            + status.getCode()
            + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")"));
  }

  @Override
  public void onCompleted() {
    terminate("it closed its stream");
    stream.complete();
  }

  /**
   * Sends a TRANSACTION or INIT and completes with the chaincode's COMPLETED or ERROR. Fails with a
   * {@link ChaincodeException} on timeout, when the stream ends first, or when this transaction is
   * already executing here.
   */
  CompletableFuture<ChaincodeMessage> execute(
      InvocationScope scope, String namespace, ChaincodeMessage message, Duration timeout) {
    TransactionContext context =
        new TransactionContext(
            chaincodeId, namespace, scope, message.getType() == ChaincodeMessage.Type.INIT);
    if (stream.tooLarge(message)) {
      throw new ChaincodeException(
          "the " + message.getType() + " message for chaincode " + chaincodeId + tooLarge(message));
    }
    contexts.add(context);
    ScheduledFuture<?> timer =
        scheduler.schedule(
            () -> executor.execute(() -> timeOut(context, timeout)),
            timeout.toNanos(),
            TimeUnit.NANOSECONDS);
    context
        .outcome()
        .whenComplete(
            (result, failure) -> {
              timer.cancel(false);
              contexts.remove(context);
              context.closeAllQueries();
            });
    // The stream may have ended before the context was added: nobody else would fail it.
    if (state != State.READY || !stream.send(message)) {
      context.fail(streamTerminated(context, "it is no longer connected"));
    }
    return context.outcome();
  }

  private void timeOut(TransactionContext context, Duration timeout) {
    if (context.fail(timedOut(context, timeout))) {
      metrics.executeTimeouts().increment(context.chaincodeId());
    }
  }

  private void register(ChaincodeMessage message) {
    ChaincodeID id;
    try {
      id = ChaincodeID.parseFrom(message.getPayload());
    } catch (InvalidProtocolBufferException e) {
      refuseRegistration("the REGISTER payload is not a ChaincodeID: " + e.getMessage());
      return;
    }
    if (id.getName().isEmpty()) {
      refuseRegistration(
          "error in handling register chaincode, chaincodeID name is empty (set"
              + " CORE_CHAINCODE_ID_NAME for the chaincode)");
      return;
    }
    try {
      registry.register(id.getName(), this);
    } catch (ChaincodeException e) {
      refuseRegistration(e.getMessage());
      return;
    }
    chaincodeId = id.getName();
    stream.send(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.REGISTERED).build());
    state = State.ESTABLISHED;
    // Ready before the chaincode can see READY, and no TRANSACTION on the wire before READY.
    stream.send(
        ChaincodeMessage.newBuilder()
            .setType(ChaincodeMessage.Type.READY)
            .setPayload(readyPayload(config.runtimeParams()))
            .build(),
        () -> state = State.READY);
    // After READY is on the wire: whoever waited may send a TRANSACTION at once.
    registry.announceReady(chaincodeId, this);
    startKeepalive();
    log.info("chaincode {} registered", chaincodeId);
  }

  private static ByteString readyPayload(RuntimeParams params) {
    return ChaincodeAdditionalParams.newBuilder()
        .setUseWriteBatch(params.useWriteBatch())
        .setMaxSizeWriteBatch(params.maxSizeWriteBatch())
        .setUseGetMultipleKeys(params.useGetMultipleKeys())
        .setMaxSizeGetMultipleKeys(params.maxSizeGetMultipleKeys())
        .build()
        .toByteString();
  }

  private void startKeepalive() {
    long interval = config.keepalive().toNanos();
    if (interval > 0) {
      ChaincodeMessage ping =
          ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.KEEPALIVE).build();
      keepalive =
          scheduler.scheduleAtFixedRate(
              () -> stream.send(ping), interval, interval, TimeUnit.NANOSECONDS);
    }
  }

  private void refuseRegistration(String reason) {
    log.warn("refusing a chaincode registration: {}", reason);
    stream.send(ChaincodeMessages.error("", "", reason));
    stream.fail(Status.FAILED_PRECONDITION.withDescription(reason));
    terminate("its registration was refused");
  }

  private void handleReady(ChaincodeMessage message) {
    switch (message.getType()) {
      case COMPLETED, ERROR -> finish(message);
      case GET_STATE,
          GET_STATE_MULTIPLE,
          PUT_STATE,
          DEL_STATE,
          WRITE_BATCH_STATE,
          GET_STATE_BY_RANGE,
          GET_QUERY_RESULT,
          QUERY_STATE_NEXT,
          QUERY_STATE_CLOSE,
          GET_HISTORY_FOR_KEY,
          GET_STATE_METADATA,
          PUT_STATE_METADATA,
          GET_PRIVATE_DATA_HASH,
          PURGE_PRIVATE_DATA,
          INVOKE_CHAINCODE ->
          serve(message);
      default -> endForProtocolViolation(message, "ready");
    }
  }

  private void finish(ChaincodeMessage message) {
    TransactionContext context = contexts.get(message.getChannelId(), message.getTxid());
    if (context == null) {
      log.debug(
          "[{}] dropping {} from chaincode {}: the transaction is no longer executing",
          shortTxId(message.getTxid()),
          message.getType(),
          chaincodeId);
      return;
    }
    context.enqueue(
        () -> {
          context.finish(message);
          return CompletableFuture.completedFuture(null);
        });
  }

  /**
   * Serves a request of a transaction and answers it. Counted as Fabric counts shim requests:
   * received on arrival, even without a transaction to serve it in; completed, and timed, when
   * answered.
   */
  private void serve(ChaincodeMessage request) {
    long arrival = System.nanoTime();
    metrics
        .shimRequestsReceived()
        .increment(request.getType().name(), request.getChannelId(), chaincodeId);
    TransactionContext context = contexts.get(request.getChannelId(), request.getTxid());
    if (context == null) {
      reply(request, ChaincodeMessages.requestFailed(request, noLedgerContext(request)), arrival);
      return;
    }
    context
        .enqueue(
            () ->
                context.ended()
                    ? CompletableFuture.failedFuture(
                        new ChaincodeException(noLedgerContext(request)))
                    : requests.handle(request, context))
        .whenComplete(
            (payload, failure) ->
                reply(
                    request,
                    failure == null
                        ? ChaincodeMessages.response(request, payload)
                        : ChaincodeMessages.requestFailed(request, describe(request, failure)),
                    arrival));
  }

  private void reply(ChaincodeMessage request, ChaincodeMessage reply, long arrival) {
    if (stream.tooLarge(reply)) {
      reply = ChaincodeMessages.requestFailed(request, "the reply" + tooLarge(reply));
    }
    // Recorded before the chaincode can see the answer, so that whoever it answers next sees them.
    String type = request.getType().name();
    String success = String.valueOf(reply.getType() != ChaincodeMessage.Type.ERROR);
    metrics
        .shimRequestDuration()
        .observeSince(arrival, type, request.getChannelId(), chaincodeId, success);
    metrics.shimRequestsCompleted().increment(type, request.getChannelId(), chaincodeId, success);
    stream.send(reply);
  }

  private String describe(ChaincodeMessage request, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof ChaincodeException
        || cause instanceof LedgerException
        || cause instanceof IllegalStateException) {
      return cause.getMessage();
    }
    log.error(
        "[{}] unexpected failure handling {} from chaincode {}",
        shortTxId(request.getTxid()),
        request.getType(),
        chaincodeId,
        cause);
    return "internal error: " + cause;
  }

  private String tooLarge(ChaincodeMessage message) {
    return " is "
        + message.getSerializedSize()
        + " bytes, above the "
        + stream.maxMessageSize()
        + " bytes the peer sends to chaincode; raise "
        + Setting.CHAINCODE_MAX_SEND_MESSAGE_SIZE.describe();
  }

  private String noLedgerContext(ChaincodeMessage request) {
    return "no ledger context: transaction "
        + request.getTxid()
        + " is not executing on channel '"
        + request.getChannelId()
        + "' for chaincode "
        + chaincodeId
        + " (it already ended, timed out, or never started)";
  }

  private void endForProtocolViolation(ChaincodeMessage message, String stateName) {
    String reason =
        "["
            + shortTxId(message.getTxid())
            + "] the peer cannot handle a "
            + message.getType()
            + " message from chaincode while in "
            + stateName
            + " state; ending the stream";
    log.warn("chaincode {}: {}", describeChaincode(), reason);
    stream.send(ChaincodeMessages.error(message.getTxid(), message.getChannelId(), reason));
    stream.fail(Status.FAILED_PRECONDITION.withDescription(reason));
    terminate("it broke the protocol: " + reason);
  }

  /**
   * Ends the stream from the peer's side, e.g. because the chaincode's process exited: deregisters
   * the handler and fails its transactions with {@code reason}.
   */
  void disconnect(String reason) {
    stream.fail(Status.UNAVAILABLE.withDescription(reason));
    terminate(reason);
  }

  /** Ends the handler: deregisters it and fails every transaction it is executing. */
  private void terminate(String reason) {
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      if (keepalive != null) {
        keepalive.cancel(false);
      }
    }
    if (chaincodeId.isEmpty()) {
      failAll(reason);
      return;
    }
    registry.deregister(chaincodeId, this);
    log.info("chaincode {} disconnected: {}", chaincodeId, reason);
    disconnectReasons
        .explain(chaincodeId, reason)
        .whenComplete((better, failure) -> failAll(better != null ? better : reason));
  }

  private void failAll(String reason) {
    for (TransactionContext context : contexts.all()) {
      context.fail(streamTerminated(context, reason));
    }
  }

  private String describeChaincode() {
    return chaincodeId.isEmpty() ? "(not registered)" : chaincodeId;
  }

  private static ChaincodeException timedOut(TransactionContext context, Duration timeout) {
    return new ChaincodeException(
        "timeout expired while executing transaction: chaincode "
            + context.chaincodeId()
            + " did not complete transaction "
            + context.txId()
            + " on channel "
            + context.channelId()
            + " within "
            + formatDuration(timeout)
            + "; the peer stopped waiting (the chaincode may still be running it). If the"
            + " chaincode needs longer, raise "
            + Setting.CHAINCODE_EXECUTE_TIMEOUT.describe());
  }

  private static String formatDuration(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private static ChaincodeException streamTerminated(TransactionContext context, String reason) {
    return new ChaincodeException(
        "chaincode stream terminated: chaincode "
            + context.chaincodeId()
            + " disconnected while executing transaction "
            + context.txId()
            + " on channel "
            + context.channelId()
            + " ("
            + reason
            + ")");
  }
}
