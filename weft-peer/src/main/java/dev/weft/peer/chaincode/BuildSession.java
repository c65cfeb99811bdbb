package dev.weft.peer.chaincode;

import dev.weft.peer.config.Setting;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One build of one package: runs its commands one after the other, each to completion, with their
 * output going to the package's {@code build.log} (and to the peer's log at debug level).
 */
final class BuildSession {

  private static final Logger log = LoggerFactory.getLogger(BuildSession.class);

  private final UnpackedPackage unpacked;
  private final ChildProcesses processes;
  private final OutputLines output;
  private final Duration timeLimit;
  private final long deadline;

  /**
   * @param timeLimit how long the whole build may take; a command still running then is stopped, so
   *     that a stalled download cannot hold the chaincode's launch (and its callers) for ever
   */
  BuildSession(
      UnpackedPackage unpacked, ChildProcesses processes, LogFile buildLog, Duration timeLimit) {
    this.unpacked = unpacked;
    this.timeLimit = timeLimit;
    this.deadline = System.nanoTime() + timeLimit.toNanos();
    this.processes = processes;
    String prefix = "[" + unpacked.packageId() + " build] ";
    this.output = buildLog.andThen(line -> log.debug("{}{}", prefix, line));
  }

  UnpackedPackage unpacked() {
    return unpacked;
  }

  /** Writes a line of the peer's own to the build log, e.g. which step starts. */
  void note(String line) {
    output.line(line);
  }

  /** Runs a command to completion and returns its exit code. */
  int exitCode(Command command) {
    note("$ " + command.describe());
    ChildProcess child;
    try {
      child = processes.start(command, output);
    } catch (IOException e) {
      throw new BuildFailure("cannot run " + command.describe() + ": " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      throw new BuildFailure(e.getMessage(), e);
    }
    try {
      return child.exit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      processes.stop(child);
      throw new BuildFailure(
          command.describe()
              + " did not finish within "
              + timeLimit.toSeconds()
              + "s, the build's time limit ("
              + Setting.CHAINCODE_STARTUP_TIMEOUT.describe()
              + "); it was stopped",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      processes.stop(child);
      throw new BuildFailure("interrupted while running " + command.describe(), e);
    } catch (ExecutionException e) {
      throw new BuildFailure("lost track of " + command.describe() + ": " + e.getCause(), e);
    }
  }

  /** Runs a command to completion; fails unless it exits with 0. */
  void run(Command command) {
    int code = exitCode(command);
    if (code != 0) {
      throw new BuildFailure(command.describe() + " exited with code " + code);
    }
  }
}
