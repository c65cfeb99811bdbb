package dev.weft.peer.chaincode;

import dev.weft.peer.config.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Launches installed packages on first use, once at a time per package: unpacks the package, builds
 * it (once, at install through {@link #build} or at its first launch; builds are kept), starts its
 * runtime (a process, or a connection to its chaincode server), and waits until the chaincode has
 * registered under the package id. Invocations that need a package while it is being launched share
 * that launch; a failed launch fails them all, and the next invocation tries again.
 *
 * <p>Launches run on the launcher's own threads, because builds and process starts block. It owns
 * the runtimes it started: a runtime that ends takes its handler with it, and {@link #close} stops
 * them all.
 */
final class Launcher implements DisconnectReasons, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Launcher.class);

  /** Where the output of chaincode processes goes, so that it can be configured apart. */
  private static final Logger output = LoggerFactory.getLogger("dev.weft.peer.chaincode.output");

  /**
   * How long a launched chaincode's failing transactions wait for its process to exit, so that they
   * can say it did, with its exit code, rather than that the stream broke.
   */
  private static final Duration EXIT_EXPLANATION_WAIT = Duration.ofSeconds(2);

  private final LaunchSettings settings;
  private final HandlerRegistry registry;
  private final PackageBuilder builder;
  private final ChaincodeServerDialer dialer;
  private final ChildProcesses processes;
  private final ChaincodeMetrics metrics;
  private final Map<String, String> peerEnvironment;
  private final ExecutorService threads;
  private final Map<String, CompletableFuture<Handler>> launching = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<String>> building = new ConcurrentHashMap<>();
  // One package's build directory is used by one unpack-and-build at a time.
  private final Map<String, Object> buildLocks = new ConcurrentHashMap<>();
  private final Map<String, LaunchedRuntime> runtimes = new ConcurrentHashMap<>();
  private volatile boolean closed;

  Launcher(
      LaunchSettings settings,
      HandlerRegistry registry,
      PackageBuilder builder,
      ChaincodeServerDialer dialer,
      ChildProcesses processes,
      ChaincodeMetrics metrics,
      Map<String, String> peerEnvironment,
      ExecutorService threads) {
    this.settings = settings;
    this.registry = registry;
    this.builder = builder;
    this.dialer = dialer;
    this.processes = processes;
    this.metrics = metrics;
    this.peerEnvironment = Map.copyOf(peerEnvironment);
    this.threads = threads;
  }

  /** Where a build releases a chaincode server's connection, which the peer then dials. */
  static Path releasedConnection(UnpackedPackage unpacked) {
    return unpacked.release().resolve("chaincode").resolve("server").resolve("connection.json");
  }

  /**
   * Completes with the ready handler of the package, launching the package unless it is ready or
   * already being launched. Fails with a {@link ChaincodeException} naming the package, the step
   * that failed and the log to read.
   */
  CompletableFuture<Handler> launch(String packageId) {
    Optional<Handler> ready = registry.ready(packageId);
    if (ready.isPresent()) {
      return CompletableFuture.completedFuture(ready.get());
    }
    CompletableFuture<Handler> launch = new CompletableFuture<>();
    CompletableFuture<Handler> underWay = launching.putIfAbsent(packageId, launch);
    if (underWay != null) {
      return underWay;
    }
    launch.whenComplete((handler, failure) -> launching.remove(packageId, launch));
    submit(launch, () -> run(packageId, launch));
    return launch;
  }

  /**
   * Builds the installed package now, as Fabric's install does, unless a complete build of it is
   * kept; completes with the name of the builder that built it. A build of the package under way is
   * shared, and it never runs beside a launch's build of the same package. Fails with a {@link
   * PackageBuildException} naming the package, the step that failed and the build log when the
   * package cannot be built, and with a {@link ChaincodeException} when the peer shuts down first.
   */
  CompletableFuture<String> build(String packageId) {
    CompletableFuture<String> build = new CompletableFuture<>();
    CompletableFuture<String> underWay = building.putIfAbsent(packageId, build);
    if (underWay != null) {
      return underWay;
    }
    build.whenComplete((builder, failure) -> building.remove(packageId, build));
    submit(
        build,
        () -> {
          try {
            build.complete(prepare(packageId).builder().name());
          } catch (BuildFailure e) {
            log.warn("{}", e.getMessage());
            build.completeExceptionally(new PackageBuildException(e.getMessage(), e));
          } catch (RuntimeException | Error e) {
            log.error("building package {} failed unexpectedly", packageId, e);
            build.completeExceptionally(
                new ChaincodeException("package " + packageId + " failed to build: " + e, e));
          }
        });
    return build;
  }

  private void submit(CompletableFuture<?> result, Runnable task) {
    if (closed) {
      result.completeExceptionally(new ChaincodeException("the peer is shutting down"));
      return;
    }
    try {
      threads.execute(task);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      result.completeExceptionally(new ChaincodeException("the peer is shutting down"));
    }
  }

  private void run(String packageId, CompletableFuture<Handler> launch) {
    long start = System.nanoTime();
    Handler handler = null;
    RuntimeException failure;
    try {
      handler = launchNow(packageId);
      failure = null;
    } catch (LaunchTimeout e) {
      metrics.launchTimeouts().increment(packageId);
      log.warn("{}", e.getMessage());
      failure = new ChaincodeException(e.getMessage());
    } catch (BuildFailure | ChaincodeException e) {
      metrics.launchFailures().increment(packageId);
      log.warn("{}", e.getMessage());
      failure = new ChaincodeException(e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      // An Error too: a launch future left uncompleted would hang every later caller.
      metrics.launchFailures().increment(packageId);
      log.error("launching package {} failed unexpectedly", packageId, e);
      failure = new ChaincodeException("package " + packageId + " failed to launch: " + e, e);
    }
    metrics.launchDuration().observeSince(start, packageId, String.valueOf(failure == null));
    // Forgotten before anyone hears the outcome, so that whoever tries next launches afresh.
    launching.remove(packageId, launch);
    if (failure == null) {
      launch.complete(handler);
    } else {
      launch.completeExceptionally(failure);
    }
  }

  private Handler launchNow(String packageId) {
    Optional<Handler> ready = registry.ready(packageId);
    if (ready.isPresent()) {
      return ready.get(); // registered while this launch was being set up
    }
    log.info("launching chaincode package {}", packageId);
    Built built = prepare(packageId);
    UnpackedPackage unpacked = built.unpacked();
    ChaincodeBuilder packageBuilder = built.builder();
    LaunchedRuntime previous = runtimes.remove(packageId);
    if (previous != null) {
      log.info("stopping the earlier runtime of {}: {}", packageId, previous);
      previous.stop();
    }
    CompletableFuture<Handler> registered = registry.awaitReady(packageId);
    LaunchedRuntime runtime;
    try {
      runtime = start(unpacked, packageBuilder);
    } catch (BuildFailure e) {
      registered.cancel(false);
      throw new BuildFailure(
          "package "
              + packageId
              + " failed to start: "
              + e.getMessage()
              + "; its output is in "
              + unpacked.chaincodeLog(),
          e);
    }
    runtimes.put(packageId, runtime);
    Handler handler = awaitRegistration(unpacked, runtime, registered);
    runtime
        .ended()
        .thenAccept(
            reason -> {
              // The ended runtime stays until the next launch replaces it, so that explain()
              // still finds its exit when the stream's end is noticed after the process's.
              log.info("{}", reason);
              // A process may exit with its stream still open (a run script whose child lives
              // on): the chaincode is gone for the peer all the same.
              if (registry.ready(packageId).orElse(null) == handler) {
                handler.disconnect(reason);
              }
            });
    log.info("chaincode package {} is running: {}", packageId, runtime);
    return handler;
  }

  /** A package unpacked and built, and the builder that built it. */
  private record Built(UnpackedPackage unpacked, ChaincodeBuilder builder) {}

  /** Unpacks and builds the package (or finds its kept build), one caller at a time. */
  private Built prepare(String packageId) {
    synchronized (buildLocks.computeIfAbsent(packageId, id -> new Object())) {
      UnpackedPackage unpacked = unpack(packageId);
      try {
        return new Built(unpacked, builder.build(unpacked));
      } catch (BuildFailure e) {
        throw new BuildFailure(
            "package "
                + packageId
                + " failed to build: "
                + e.getMessage()
                + "; full build log: "
                + unpacked.buildLog(),
            e);
      }
    }
  }

  private UnpackedPackage unpack(String packageId) {
    Optional<UnpackedPackage> unpacked;
    try {
      unpacked = settings.packages().unpack(packageId);
    } catch (RuntimeException e) {
      throw new BuildFailure(
          "package " + packageId + " could not be unpacked for building: " + e.getMessage(), e);
    }
    return unpacked.orElseThrow(
        () ->
            new BuildFailure(
                "package "
                    + packageId
                    + " is not installed on this peer; install it with 'weft chaincode install'"));
  }

  private LaunchedRuntime start(UnpackedPackage unpacked, ChaincodeBuilder packageBuilder) {
    String packageId = unpacked.packageId();
    Path connection = releasedConnection(unpacked);
    if (Files.isRegularFile(connection)) {
      ChaincodeServerEndpoint endpoint;
      try {
        endpoint = settings.packages().readServerConnection(connection);
      } catch (IllegalArgumentException e) {
        throw new BuildFailure("invalid " + connection + ": " + e.getMessage(), e);
      }
      log.info("dialling the chaincode server of {} at {}", packageId, endpoint.address());
      return LaunchedRuntime.dialed(endpoint.address(), dialer.dial(packageId, endpoint));
    }
    Path chaincodeLog = unpacked.chaincodeLog();
    String prefix = "[" + packageId + "] ";
    RunContext context =
        new RunContext(
            packageId,
            settings.peerAddress().get(),
            settings.mspId(),
            settings.credentials().issue(packageId),
            peerEnvironment,
            command -> {
              LogFile file = LogFile.append(chaincodeLog);
              file.line("--- " + java.time.Instant.now() + " $ " + command.describe());
              ChildProcess child;
              try {
                child =
                    processes.start(
                        command, file.andThen(line -> output.info("{}{}", prefix, line)));
              } catch (java.io.IOException | RuntimeException e) {
                file.close();
                throw e;
              }
              child.exit().whenComplete((code, failure) -> file.close());
              return child;
            });
    ChildProcess child = packageBuilder.run(unpacked, context);
    log.info("started {} for {}", child, packageId);
    return LaunchedRuntime.process(packageId, child, processes, chaincodeLog);
  }

  private Handler awaitRegistration(
      UnpackedPackage unpacked, LaunchedRuntime runtime, CompletableFuture<Handler> registered) {
    String packageId = unpacked.packageId();
    Duration timeout = settings.config().startupTimeout();
    Object first;
    try {
      first =
          CompletableFuture.anyOf(registered, runtime.ended())
              .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      registered.cancel(false);
      stop(packageId, runtime);
      throw new LaunchTimeout(
          "package "
              + packageId
              + " did not register with the peer within "
              + describe(timeout)
              + " of starting ("
              + runtime
              + "); it was stopped. Its output is in "
              + unpacked.chaincodeLog()
              + "; if it needs longer, raise "
              + Setting.CHAINCODE_STARTUP_TIMEOUT.describe());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      registered.cancel(false);
      stop(packageId, runtime);
      throw new ChaincodeException("the launch of package " + packageId + " was interrupted", e);
    } catch (ExecutionException e) {
      registered.cancel(false);
      stop(packageId, runtime);
      throw new ChaincodeException(
          "package " + packageId + " failed to start: " + e.getCause(), e.getCause());
    }
    if (first instanceof Handler handler) {
      return handler;
    }
    registered.cancel(false);
    stop(packageId, runtime);
    throw new BuildFailure("package " + packageId + " ended before it registered: " + first);
  }

  private void stop(String packageId, LaunchedRuntime runtime) {
    runtimes.remove(packageId, runtime);
    runtime.stop();
  }

  private static String describe(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  /**
   * For a launched chaincode whose stream ended: waits briefly for its runtime to end, and if it
   * does, gives its reason (the process's exit code) instead of the stream's.
   */
  @Override
  public CompletableFuture<String> explain(String chaincodeId, String streamReason) {
    LaunchedRuntime runtime = runtimes.get(chaincodeId);
    if (runtime == null) {
      return CompletableFuture.completedFuture(streamReason);
    }
    return runtime
        .ended()
        .copy()
        .completeOnTimeout(streamReason, EXIT_EXPLANATION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops every runtime, fails launches under way, and stops every chaincode process. */
  @Override
  public void close() {
    closed = true;
    threads.shutdownNow();
    for (Map<String, ? extends CompletableFuture<?>> underWay : List.of(launching, building)) {
      underWay
          .values()
          .forEach(
              pending ->
                  pending.completeExceptionally(
                      new ChaincodeException("the peer is shutting down")));
    }
    // Every process at once first (each has a grace period to stop in), then the connections.
    processes.close();
    runtimes.values().forEach(LaunchedRuntime::stop);
    runtimes.clear();
  }

  /** The launch did not register within the startup timeout. */
  private static final class LaunchTimeout extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LaunchTimeout(String message) {
      super(message);
    }
  }
}
