package dev.weft.peer.chaincode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One process the peer started for a chaincode, with the thread that reads its combined standard
 * output and error line by line. Started and stopped by {@link ChildProcesses}, which owns every
 * child of the peer.
 */
final class ChildProcess {

  /** How long to wait, once the process has exited, for the last of its output to be read. */
  private static final long OUTPUT_DRAIN_MILLIS = 2_000;

  private final Command command;
  private final Process process;
  private final Thread reader;
  private final CompletableFuture<Integer> exit;

  private ChildProcess(Command command, Process process, OutputLines output) {
    this.command = command;
    this.process = process;
    this.reader = new Thread(() -> read(process, output), "weft-chaincode-output-" + process.pid());
    this.reader.setDaemon(true);
    this.reader.start();
    this.exit = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                int code = process.waitFor();
                // A descendant may hold the pipe open after the process itself has gone.
                reader.join(OUTPUT_DRAIN_MILLIS);
                exit.complete(code);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exit.completeExceptionally(e);
              }
            },
            "weft-chaincode-wait-" + process.pid());
    waiter.setDaemon(true);
    waiter.start();
  }

  /** Starts {@code command}; its output goes to {@code output}. */
  static ChildProcess start(Command command, OutputLines output) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command.arguments())
            .directory(command.workingDirectory().toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    builder.environment().clear();
    builder.environment().putAll(command.environment());
    return new ChildProcess(command, builder.start(), output);
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("windows")
            ? "NUL"
            : "/dev/null");
  }

  private static void read(Process process, OutputLines output) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.line(line);
      }
    } catch (IOException e) {
      // The stream closes when the process is destroyed: there is nothing more to read.
    }
  }

  Command command() {
    return command;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Completes with the exit code once the process has exited and its output has been read. */
  CompletableFuture<Integer> exit() {
    return exit;
  }

  /**
   * The process and its descendants, collected while the process still lives: once it has exited,
   * its children belong to init and can no longer be found from here.
   */
  List<ProcessHandle> tree() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    return tree;
  }

  /** Asks the process and its descendants to stop (SIGTERM). */
  static void terminate(List<ProcessHandle> tree) {
    tree.forEach(ProcessHandle::destroy);
  }

  /**
   * Waits until every process of {@code tree} has exited or {@code grace} has passed, then kills
   * (SIGKILL) whatever is left, with any descendants they have made meanwhile.
   */
  static void awaitOrKill(List<ProcessHandle> tree, Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle handle : tree) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        // timed out or could not wait: it is killed below
      }
    }
    for (ProcessHandle handle : tree) {
      if (handle.isAlive()) {
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
      }
    }
  }

  @Override
  public String toString() {
    return "process " + process.pid() + " (" + command.describe() + ")";
  }
}
