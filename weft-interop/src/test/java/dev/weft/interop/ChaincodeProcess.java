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

/**
 * A chaincode running as its own operating-system process, started the way Fabric starts
 * development-mode chaincode: {@code CORE_CHAINCODE_ID_NAME} and {@code CORE_PEER_ADDRESS} in its
 * environment, TLS off unless the endpoint's environment turns it on. Its output goes to {@code
 * target/chaincode-logs/<id>.log}.
 */
final class ChaincodeProcess implements AutoCloseable {

  /** Starting a JVM or Node and connecting takes a few seconds on a loaded machine. */
  private static final Duration REGISTRATION_WAIT = Duration.ofSeconds(60);

  private final String chaincodeId;
  private final Process process;
  private final Path log;

  private ChaincodeProcess(String chaincodeId, Process process, Path log) {
    this.chaincodeId = chaincodeId;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} in {@code directory} and waits until the chaincode has registered with
   * {@code peer} as {@code chaincodeId}.
   */
  static ChaincodeProcess start(
      PeerEndpoint peer, String chaincodeId, List<String> command, Path directory) {
    Path logs = Path.of(System.getProperty("interop.logs", "target/chaincode-logs"));
    String runtime = Path.of(command.get(0)).getFileName().toString();
    Path log = logs.resolve(chaincodeId.replace(':', '_') + "-" + runtime + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(createLog(log)));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("CORE_") || name.startsWith("CHAINCODE_"));
    env.put("CORE_CHAINCODE_ID_NAME", chaincodeId);
    env.put("CORE_PEER_ADDRESS", peer.chaincodeAddress());
    env.put("CORE_PEER_TLS_ENABLED", "false");
    env.putAll(peer.environment());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start chaincode " + chaincodeId + ": " + command, e);
    }
    ChaincodeProcess started = new ChaincodeProcess(chaincodeId, process, log);
    started.awaitRegistration(peer);
    return started;
  }

  /**
   * Starts a Java chaincode built in {@code target}: its classes plus the class path its build
   * wrote to {@code chaincode.classpath}, so it never shares this JVM's class path.
   */
  static ChaincodeProcess startJava(
      PeerEndpoint peer, String chaincodeId, Path target, String mainClass) {
    String classPath;
    try {
      classPath =
          target.resolve("classes")
              + java.io.File.pathSeparator
              + Files.readString(target.resolve("chaincode.classpath")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("the Java chaincode is not built in " + target, e);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return start(peer, chaincodeId, List.of(java, "-cp", classPath, mainClass), target);
  }

  String chaincodeId() {
    return chaincodeId;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the process at once, as a crash would. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  private void awaitRegistration(PeerEndpoint peer) {
    Instant deadline = Instant.now().plus(REGISTRATION_WAIT);
    while (!peer.hasRegistered(chaincodeId)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "chaincode " + chaincodeId + " exited with " + process.exitValue() + "; see " + log);
      }
      if (Instant.now().isAfter(deadline)) {
        close();
        throw new IllegalStateException(
            "chaincode "
                + chaincodeId
                + " did not register within "
                + REGISTRATION_WAIT
                + "; see "
                + log);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static java.io.File createLog(Path log) {
    try {
      Files.createDirectories(log.getParent());
      return log.toFile();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
