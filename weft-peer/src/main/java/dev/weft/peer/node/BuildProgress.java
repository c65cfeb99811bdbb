package dev.weft.peer.node;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Shows, while a chaincode builds and starts, what its build log says: the lines that matter
 * (errors, warnings, npm's and Maven's results) in full, and otherwise the latest line every few
 * seconds, so that a long build is visibly alive without flooding the terminal. Owns one daemon
 * thread, from {@link #follow} until {@link #close}.
 */
final class BuildProgress implements AutoCloseable {

  private static final Pattern NOTABLE =
      Pattern.compile(
          "(?i).*(error|warn|fail|added \\d+ packages|up to date|BUILD SUCCESS|BUILD FAILURE"
              + "|Building jar|exited with).*");
  private static final long QUIET_NANOS = 3_000_000_000L;
  private static final int WIDTH = 120;

  private final Path log;
  private final PrintWriter out;
  private final Thread thread;
  private volatile boolean stopping;
  private long position;
  private long lastShown = System.nanoTime();
  private String latest;

  private BuildProgress(Path log, PrintWriter out) {
    this.log = log;
    this.out = out;
    this.thread = new Thread(this::run, "weft-build-progress");
    this.thread.setDaemon(true);
  }

  /** Starts following {@code log}, which may not exist yet. */
  static BuildProgress follow(Path log, PrintWriter out) {
    BuildProgress progress = new BuildProgress(log, out);
    progress.thread.start();
    return progress;
  }

  private void run() {
    while (!stopping) {
      readNewLines();
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void readNewLines() {
    if (!Files.isRegularFile(log)) {
      return;
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      if (file.length() < position) {
        position = 0; // a new build replaced the log
      }
      file.seek(position);
      byte[] bytes = new byte[(int) Math.min(file.length() - position, 1 << 20)];
      file.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      if (end < 0) {
        return; // only a partial line so far
      }
      position += text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
      for (String line : text.substring(0, end).split("\n", -1)) {
        show(line.stripTrailing());
      }
    } catch (IOException e) {
      // The log may be replaced while we read; the next round reads it again.
    }
    if (latest != null && System.nanoTime() - lastShown > QUIET_NANOS) {
      print("  … " + latest);
    }
  }

  private void show(String line) {
    if (line.isBlank()) {
      return;
    }
    if (NOTABLE.matcher(line).matches()) {
      print("  | " + line);
    } else {
      latest = line;
    }
  }

  private void print(String line) {
    out.println(line.length() > WIDTH ? line.substring(0, WIDTH - 1) + "…" : line);
    out.flush();
    latest = null;
    lastShown = System.nanoTime();
  }

  /** Stops following, after reading what the log holds by now. */
  @Override
  public void close() {
    stopping = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      readNewLines();
      if (latest != null) {
        print("  … " + latest);
      }
    }
  }
}
