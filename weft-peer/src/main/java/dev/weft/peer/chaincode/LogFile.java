package dev.weft.peer.chaincode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A text file that process output is written to line by line and flushed after each line, so that
 * someone tailing it (the CLI showing a build's progress) sees every line as it happens.
 */
final class LogFile implements OutputLines, AutoCloseable {

  private final Path path;
  private final BufferedWriter writer;
  private boolean closed;

  private LogFile(Path path, BufferedWriter writer) {
    this.path = path;
    this.writer = writer;
  }

  /** Starts the file afresh. */
  static LogFile truncate(Path path) {
    return open(path, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Adds to the end of the file. */
  static LogFile append(Path path) {
    return open(path, StandardOpenOption.APPEND);
  }

  private static LogFile open(Path path, StandardOpenOption mode) {
    try {
      Files.createDirectories(path.getParent());
      return new LogFile(
          path,
          Files.newBufferedWriter(
              path,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              mode));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the log file " + path + ": " + e.getMessage(), e);
    }
  }

  Path path() {
    return path;
  }

  @Override
  public synchronized void line(String line) {
    if (closed) {
      return;
    }
    try {
      writer.write(line);
      writer.newLine();
      writer.flush();
    } catch (IOException e) {
      // A full disk must not stop the chaincode: the peer's log still has the line.
      closed = true;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    try {
      writer.close();
    } catch (IOException e) {
      // nothing more can be written anyway
    }
  }
}
