package dev.weft.peer.chaincode;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every process the peer started for chaincode (build steps and chaincode runtimes). It stops them
 * all, with their descendants, on {@link #close} and, through a JVM shutdown hook, when the peer's
 * JVM is asked to exit (SIGTERM, Ctrl-C), so that no chaincode outlives the peer.
 */
final class ChildProcesses implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChildProcesses.class);

  /** How long a child has to stop after SIGTERM before it is killed (Fabric's is 5s as well). */
  static final Duration GRACE = Duration.ofSeconds(5);

  private final Set<ChildProcess> children = ConcurrentHashMap.newKeySet();
  private final Thread shutdownHook = new Thread(this::stopAll, "weft-chaincode-shutdown");
  private volatile boolean closed;

  ChildProcesses() {
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a child; it is forgotten when it exits.
   *
   * @throws IOException when it cannot be started
   * @throws IllegalStateException when the peer is shutting down
   */
  ChildProcess start(Command command, OutputLines output) throws IOException {
    if (closed) {
      throw new IllegalStateException("the peer is shutting down");
    }
    ChildProcess child = ChildProcess.start(command, output);
    children.add(child);
    child.exit().whenComplete((code, failure) -> children.remove(child));
    if (closed) {
      // close() ran while this one was starting and did not see it.
      stop(child);
    }
    return child;
  }

  /** Stops one child and its descendants: SIGTERM, then SIGKILL after the grace period. */
  void stop(ChildProcess child) {
    List<ProcessHandle> tree = child.tree();
    ChildProcess.terminate(tree);
    ChildProcess.awaitOrKill(tree, GRACE);
  }

  /** Stops every child and its descendants; later {@link #start}s are refused. */
  @Override
  public void close() {
    closed = true;
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook is running or has run.
    }
  }

  private void stopAll() {
    closed = true;
    List<ProcessHandle> all = new ArrayList<>();
    for (ChildProcess child : children) {
      all.addAll(child.tree());
    }
    if (all.isEmpty()) {
      return;
    }
    log.info("stopping {} chaincode process(es)", children.size());
    ChildProcess.terminate(all);
    ChildProcess.awaitOrKill(all, GRACE);
  }
}
