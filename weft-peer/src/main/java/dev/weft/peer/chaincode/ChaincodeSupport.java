package dev.weft.peer.chaincode;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.config.ChaincodeConfig;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.ledger.Ledgers;
import dev.weft.peer.ledger.TxSimulator;
import dev.weft.peer.metrics.MetricsRegistry;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.CallStreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * Chaincode support: the {@code protos.ChaincodeSupport} service chaincode connects to, the
 * registry of connected chaincode, and {@link #execute}, the entry point the endorser uses to run a
 * chaincode and collect its response, event and read-write set.
 *
 * <p>Chaincode whose definition names an installed package is launched on first use (see {@code
 * ChaincodeRuntimes} for which runtime wins when several could serve, and {@code Launcher}).
 *
 * <p>Owns two small thread pools: a scheduler for execute timeouts and keepalives, and an executor
 * that completes timed-out executions; and the launcher, with its threads and the chaincode
 * processes it started. {@link #close} stops them all; the gRPC server that carries {@link
 * #service()} belongs to whoever started it.
 */
public final class ChaincodeSupport implements AutoCloseable {

  private final ChaincodeConfig config;
  private final Ledgers ledgers;
  private final ChaincodeMetrics metrics;
  private final HandlerRegistry registry = new HandlerRegistry();
  private final ChaincodeDefinitions definitions;
  private final Launcher launcher;
  private final ChaincodeRuntimes runtimes;
  private final ChaincodeInvoker invoker;
  private final ChaincodeRequests requests;
  private final Map<String, SystemChaincode> systemChaincodes;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(daemonThreads("weft-chaincode-timer"));
  private final ExecutorService executor =
      Executors.newCachedThreadPool(daemonThreads("weft-chaincode-timeout"));

  /**
   * @param metrics where chaincode support declares and records its metrics (shim requests, execute
   *     timeouts)
   */
  public ChaincodeSupport(ChaincodeConfig config, Ledgers ledgers, MetricsRegistry metrics) {
    this(config, ledgers, metrics, ChaincodeDefinitions.NONE);
  }

  /**
   * @param metrics where chaincode support declares and records its metrics
   * @param definitions the committed chaincode definitions, which say what package runs a chaincode
   */
  public ChaincodeSupport(
      ChaincodeConfig config,
      Ledgers ledgers,
      MetricsRegistry metrics,
      ChaincodeDefinitions definitions) {
    this(config, ledgers, metrics, definitions, List.of(), LaunchSettings.none());
  }

  /**
   * @param metrics where chaincode support declares and records its metrics
   * @param definitions the committed chaincode definitions, which say what package runs a chaincode
   * @param systemChaincodes the chaincodes that run inside the peer, executed by name
   * @param launching how installed packages are found, built and started
   */
  public ChaincodeSupport(
      ChaincodeConfig config,
      Ledgers ledgers,
      MetricsRegistry metrics,
      ChaincodeDefinitions definitions,
      List<SystemChaincode> systemChaincodes,
      LaunchSettings launching) {
    this.config = config;
    Map<String, SystemChaincode> byName = new HashMap<>();
    for (SystemChaincode chaincode : systemChaincodes) {
      if (byName.put(chaincode.name(), chaincode) != null) {
        throw new IllegalArgumentException("two system chaincodes are named " + chaincode.name());
      }
    }
    this.systemChaincodes = Map.copyOf(byName);
    this.ledgers = ledgers;
    this.metrics = ChaincodeMetrics.in(metrics);
    this.definitions = definitions;
    ChildProcesses processes = new ChildProcesses();
    this.launcher =
        new Launcher(
            launching,
            registry,
            new PackageBuilder(
                builders(launching, System.getenv()),
                processes,
                launching.config().startupTimeout()),
            new ChaincodeServerDialer(this::newHandler, config.maxRecvMessageSize()),
            processes,
            this.metrics,
            System.getenv(),
            Executors.newCachedThreadPool(daemonThreads("weft-chaincode-launch")));
    this.runtimes = new ChaincodeRuntimes(registry, launcher);
    this.invoker = new ChaincodeInvoker(definitions, runtimes, config.executeTimeout());
    this.requests =
        new ChaincodeRequests(
            new StateRequests(config.runtimeParams()),
            new QueryRequests(config.totalQueryLimit()),
            new InvokeRequests(invoker, ledgers));
  }

  /** The {@code protos.ChaincodeSupport/Register} service, to be added to a gRPC server. */
  public ServerServiceDefinition service() {
    return ChaincodeSupportService.definition(
        responses -> {
          Handler handler = newHandler(responses);
          responses.setOnCancelHandler(
              () ->
                  handler.onError(
                      Status.CANCELLED
                          .withDescription(
                              "the chaincode went away (its process exited or the connection"
                                  + " dropped)")
                          .asRuntimeException()));
          return handler;
        });
  }

  /** A handler for a new chaincode stream, inbound (Register) or dialled (Connect). */
  private Handler newHandler(CallStreamObserver<ChaincodeMessage> outbound) {
    ChaincodeStream stream = new ChaincodeStream(outbound, config.maxSendMessageSize());
    return new Handler(stream, registry, requests, config, metrics, scheduler, executor, launcher);
  }

  /** External builders in their configured order, then the built-in ones. */
  private static List<ChaincodeBuilder> builders(
      LaunchSettings launching, java.util.Map<String, String> environment) {
    List<ChaincodeBuilder> builders = new ArrayList<>();
    for (Path directory : launching.config().externalBuilders()) {
      builders.add(new ExternalBuilder(directory, environment));
    }
    builders.add(new CcaasBuilder(launching.packages()));
    builders.add(new JavaBuilder(environment, Path.of(System.getProperty("java.home"))));
    builders.add(new NodeBuilder(environment));
    return builders;
  }

  /**
   * Makes sure the chaincode is running: resolves its definition on the channel (on a simulator
   * whose results are thrown away), launches its installed package if no runtime for it is ready,
   * and completes with the id of the ready chaincode (the package id, or the development-mode id).
   * Fails with a {@link ChaincodeException} as an invocation would. For {@code weft chaincode
   * deploy}, which returns when the chaincode is ready.
   */
  public CompletableFuture<String> launch(String channelId, String chaincodeName) {
    Optional<Ledger> ledger = ledgers.get(channelId);
    if (ledger.isEmpty()) {
      return CompletableFuture.failedFuture(
          new ChaincodeException("channel '" + channelId + "' not found"));
    }
    Optional<ChaincodeDefinition> definition;
    try (TxSimulator simulator = ledger.get().newTxSimulator("launch-" + UUID.randomUUID())) {
      definition = definitions.find(channelId, chaincodeName, simulator);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return runtimes.handler(channelId, chaincodeName, definition).thenApply(Handler::chaincodeId);
  }

  /**
   * Builds an installed package now, as Fabric's install does, so that a package no builder accepts
   * or whose build fails is refused when it is installed rather than at its first invocation. The
   * build is kept for its launches. Completes with the name of the builder that built it; fails
   * with a {@link PackageBuildException} naming the package, the step that failed and the build log
   * when the package cannot be built, or with a {@link ChaincodeException} when the peer shuts down
   * before the build ends.
   */
  public CompletableFuture<String> build(String packageId) {
    return launcher.build(packageId);
  }

  /**
   * Runs a chaincode for a proposal: simulates on a snapshot of the channel's state, sends the
   * chaincode the TRANSACTION (or INIT), serves its requests, and completes with its response,
   * event and read-write set. Fails with a {@link ChaincodeException} whose message says what went
   * wrong: unknown channel, chaincode not running, ERROR from the chaincode, timeout, or a broken
   * stream.
   */
  public CompletableFuture<ExecutionResult> execute(ExecutionRequest request) {
    SystemChaincode system = systemChaincodes.get(request.chaincodeName());
    if (system != null) {
      return executeSystem(system, request);
    }
    Optional<Ledger> ledger = ledgers.get(request.channelId());
    if (ledger.isEmpty()) {
      return CompletableFuture.failedFuture(
          new ChaincodeException("channel '" + request.channelId() + "' not found"));
    }
    TxSimulator simulator = ledger.get().newTxSimulator(request.txId());
    InvocationScope scope =
        new InvocationScope(
            request.channelId(), request.txId(), request.signedProposal(), simulator);
    return invoker
        .invokeDefined(scope, request.chaincodeName(), request.input())
        .thenApply(
            invoked ->
                result(request, invoked.message(), simulator)
                    .withChaincodeVersion(
                        invoked
                            .definition()
                            .map(ChaincodeDefinition::version)
                            .orElse(ExecutionResult.UNDEFINED_VERSION)))
        .whenComplete((result, failure) -> simulator.close());
  }

  /**
   * Why {@code chaincodeName} cannot be launched on {@code channelId}, if it cannot: it has no
   * committed definition there, or its definition names no package of this peer's organisation, or
   * the definition cannot be read. Empty when it is launched on first use.
   */
  public Optional<String> launchProblem(String channelId, String chaincodeName) {
    Optional<Ledger> ledger = ledgers.get(channelId);
    if (ledger.isEmpty()) {
      return Optional.of("channel '" + channelId + "' not found");
    }
    try (TxSimulator simulator = ledger.get().newTxSimulator("lookup-" + UUID.randomUUID())) {
      Optional<ChaincodeDefinition> definition =
          definitions.find(channelId, chaincodeName, simulator);
      if (definition.isEmpty()) {
        return Optional.of(
            "it is not deployed on channel " + channelId + " (weft chaincode deploy)");
      }
      return definition.get().packageId().isPresent()
          ? Optional.empty()
          : Optional.of(
              "its definition (sequence "
                  + definition.get().sequence()
                  + ") names no package this peer's organisation installed and approved");
    } catch (RuntimeException e) {
      return Optional.of("its definition cannot be used: " + e.getMessage());
    }
  }

  /** Whether {@code chaincodeName} is a chaincode that runs inside the peer. */
  public boolean isSystemChaincode(String chaincodeName) {
    return systemChaincodes.containsKey(chaincodeName);
  }

  /**
   * Runs a system chaincode on the calling thread: with a simulator when the proposal has a
   * channel, without one otherwise (an empty read-write set, as in Fabric). No event.
   */
  private CompletableFuture<ExecutionResult> executeSystem(
      SystemChaincode system, ExecutionRequest request) {
    if (request.channelId().isEmpty()) {
      try {
        Response response =
            system.invoke(
                new SystemInvocation(
                    "",
                    request.txId(),
                    request.signedProposal(),
                    request.input(),
                    Optional.empty()));
        return CompletableFuture.completedFuture(
            new ExecutionResult(
                response,
                Optional.empty(),
                TxReadWriteSet.getDefaultInstance(),
                ExecutionResult.SYSTEM_CHAINCODE_VERSION));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    Optional<Ledger> ledger = ledgers.get(request.channelId());
    if (ledger.isEmpty()) {
      return CompletableFuture.failedFuture(
          new ChaincodeException("channel '" + request.channelId() + "' not found"));
    }
    try (TxSimulator simulator = ledger.get().newTxSimulator(request.txId())) {
      Response response =
          system.invoke(
              new SystemInvocation(
                  request.channelId(),
                  request.txId(),
                  request.signedProposal(),
                  request.input(),
                  Optional.of(simulator)));
      return CompletableFuture.completedFuture(
          new ExecutionResult(
              response,
              Optional.empty(),
              simulator.simulationResults(),
              ExecutionResult.SYSTEM_CHAINCODE_VERSION));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The ids of the chaincodes connected and ready to execute now, sorted. */
  public SortedSet<String> registeredChaincodes() {
    return registry.readyIds();
  }

  /** Stops every chaincode the peer launched (with its processes), then the thread pools. */
  @Override
  public void close() {
    launcher.close();
    scheduler.shutdownNow();
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ExecutionResult result(
      ExecutionRequest request, ChaincodeMessage message, TxSimulator simulator) {
    Optional<ChaincodeEvent> event =
        message.hasChaincodeEvent()
            ? Optional.of(
                message.getChaincodeEvent().toBuilder()
                    .setChaincodeId(request.chaincodeName())
                    .setTxId(request.txId())
                    .build())
            : Optional.empty();
    return switch (message.getType()) {
      case COMPLETED -> {
        Response response;
        try {
          response = Response.parseFrom(message.getPayload());
        } catch (InvalidProtocolBufferException e) {
          throw new ChaincodeException(
              "failed to unmarshal response for transaction "
                  + request.txId()
                  + ": chaincode "
                  + request.chaincodeName()
                  + " sent a COMPLETED whose payload is not a Response",
              e);
        }
        yield new ExecutionResult(response, event, simulator.simulationResults());
      }
      case ERROR ->
          throw new ChaincodeException(
              "transaction returned with failure: " + message.getPayload().toStringUtf8());
      default ->
          throw new ChaincodeException(
              "unexpected response type "
                  + message.getType()
                  + " for transaction "
                  + request.txId());
    };
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
