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
  private String firstLine = "";
  private long lastShown = System.nanoTime();
  private String latest;

  private BuildProgress(Path log, PrintWriter out) {
    this.log = log;
    this.out = out;
    this.thread = new Thread(this::run, "weft-build-progress");
    this.thread.setDaemon(true);
  }

  /**
   * Starts following {@code log}, which may not exist yet, from its current end: what an earlier
   * build wrote is not shown again.
   */
  static BuildProgress follow(Path log, PrintWriter out) {
    BuildProgress progress = new BuildProgress(log, out);
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      progress.firstLine = firstLine(file);
      progress.position = file.length();
    } catch (IOException e) {
      progress.position = 0; // not there yet
    }
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
      // A new build starts the log afresh with a first line of its own (naming its start time),
      // and may outgrow the old log before this reads it.
      String first = firstLine(file);
      if (file.length() < position || !first.equals(firstLine)) {
        position = 0;
      }
      firstLine = first;
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

  /** The file's first line, or what there is of it yet; at most 256 bytes. */
  private static String firstLine(RandomAccessFile file) throws IOException {
    byte[] start = new byte[(int) Math.min(file.length(), 256)];
    file.seek(0);
    file.readFully(start);
    String text = new String(start, StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
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
