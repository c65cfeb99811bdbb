package dev.weft.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Weft peer started as the README starts it, {@code java -jar weft-peer.jar}, in its own process
 * with its own data directory, listening on loopback ports the system picks. Its output goes to a
 * log file, from which its addresses are read.
 */
final class PeerProcess implements AutoCloseable {

  private static final Duration START_WAIT = Duration.ofSeconds(60);
  private static final Pattern STARTED =
      Pattern.compile("peer endpoint +(\\S+:\\d+).*\\n +chaincode support +(\\S+:\\d+)");

  private final Process process;
  private final Path log;
  private final String endorserAddress;
  private final String chaincodeAddress;

  private PeerProcess(Process process, Path log, String endorserAddress, String chaincodeAddress) {
    this.process = process;
    this.log = log;
    this.endorserAddress = endorserAddress;
    this.chaincodeAddress = chaincodeAddress;
  }

  /**
   * Starts {@code java -jar peerJar} with {@code dataDirectory} and waits until it listens. The
   * peer runs in the data directory's parent and is given the data directory by its relative name,
   * as {@code ./weft start} is with its default {@code weft-data}.
   */
  static PeerProcess start(Path peerJar, Path dataDirectory, Path log) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path absolute = dataDirectory.toAbsolutePath();
    ProcessBuilder builder =
        new ProcessBuilder(List.of(java, "-jar", peerJar.toString()))
            .directory(absolute.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("WEFT_"));
    env.put("WEFT_PEER_FILESYSTEMPATH", absolute.getFileName().toString());
    env.put("WEFT_PEER_LISTENADDRESS", "127.0.0.1:0");
    env.put("WEFT_CHAINCODE_LISTENADDRESS", "127.0.0.1:0");
    env.put("WEFT_OPERATIONS_LISTENADDRESS", "127.0.0.1:0");
    Process process;
    try {
      Files.createDirectories(log.getParent());
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + peerJar, e);
    }
    Instant deadline = Instant.now().plus(START_WAIT);
    try {
      while (true) {
        Matcher started = STARTED.matcher(Files.readString(log));
        if (started.find()) {
          return new PeerProcess(process, log, started.group(1), started.group(2));
        }
        if (!process.isAlive() || Instant.now().isAfter(deadline)) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "the peer did not start within " + START_WAIT + "; see " + log);
        }
        Thread.sleep(50);
      }
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while the peer started", e);
    }
  }

  /** Where clients reach the peer's endorser, {@code host:port}. */
  String endorserAddress() {
    return endorserAddress;
  }

  /** Where chaincode connects, {@code host:port}. */
  String chaincodeAddress() {
    return chaincodeAddress;
  }

  /** What the peer has printed so far. */
  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The processes the peer started that are running now (its chaincode), and theirs. */
  List<ProcessHandle> descendants() {
    return process.descendants().toList();
  }

  /** Kills the peer with SIGKILL, as a crash or a power cut would stop it. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the peer as Ctrl-C does, so that its shutdown hook runs. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
