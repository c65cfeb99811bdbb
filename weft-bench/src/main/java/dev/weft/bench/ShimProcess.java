package dev.weft.bench;

import dev.weft.peer.chaincode.ChaincodeSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The interop chaincode (weft-interop/CHAINCODE.md) on one shim, run as its own process with its
 * own class path, started as a Fabric peer starts development-mode chaincode.
 */
public final class ShimProcess implements AutoCloseable {

  /** A shim the benchmarks compare, with where its chaincode's build output is. */
  public enum Shim {
    FABRIC_JAVA(
        "weft.bench.javaChaincode",
        "weft-interop/chaincode-java/target",
        "dev.weft.interop.javacc.InteropChaincode"),
    WEFT(
        "weft.bench.weftChaincode",
        "weft-interop/chaincode-weft/target",
        "dev.weft.interop.weftcc.InteropChaincode");

    private final String property;
    private final String defaultTarget;
    private final String mainClass;

    Shim(String property, String defaultTarget, String mainClass) {
      this.property = property;
      this.defaultTarget = defaultTarget;
      this.mainClass = mainClass;
    }

    List<String> command() {
      Path target = Path.of(System.getProperty(property, defaultTarget));
      String classPath;
      try {
        classPath =
            target.resolve("classes")
                + java.io.File.pathSeparator
                + Files.readString(target.resolve("chaincode.classpath")).trim();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "the chaincode is not built in "
                + target.toAbsolutePath()
                + " (run from the repository root, or set -D"
                + property
                + ")",
            e);
      }
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      return List.of(java, "-cp", classPath, mainClass);
    }
  }

  private final Process process;

  private ShimProcess(Process process) {
    this.process = process;
  }

  /** Starts the chaincode; it registers with the peer at {@code peerAddress} as {@code id}. */
  static ShimProcess start(Shim shim, String id, String peerAddress) {
    ProcessBuilder builder =
        new ProcessBuilder(shim.command())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("CORE_") || name.startsWith("CHAINCODE_"));
    env.put("CORE_CHAINCODE_ID_NAME", id);
    env.put("CORE_PEER_ADDRESS", peerAddress);
    env.put("CORE_PEER_TLS_ENABLED", "false");
    try {
      return new ShimProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until the peer has sent the chaincode READY; false if the process died or time ran out.
   */
  boolean awaitReady(ChaincodeSupport support, String id, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!support.registeredChaincodes().contains(id)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
