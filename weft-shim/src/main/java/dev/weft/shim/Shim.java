package dev.weft.shim;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a chaincode: the one call a chaincode's {@code main} makes.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   Shim.start(new MyChaincode(), args);
 * }
 * }</pre>
 *
 * <p>It reads the environment variables and arguments Fabric's shims read (see {@link
 * ShimSettings}): with {@code CHAINCODE_SERVER_ADDRESS} set it serves peers as a chaincode service,
 * otherwise it connects to the peer at {@code CORE_PEER_ADDRESS}. In client mode it returns never:
 * when the stream to the peer ends, the JVM exits with status 1 so that whatever launched the
 * chaincode can restart it.
 */
public final class Shim {

  private static final Logger log = LoggerFactory.getLogger(Shim.class);

  private Shim() {}

  /** Connects or serves, and exits the JVM when the chaincode can no longer serve. */
  public static void start(Chaincode chaincode, String[] args) {
    System.exit(run(chaincode, args));
  }

  /** Runs until the chaincode can no longer serve; returns the exit status. */
  static int run(Chaincode chaincode, String[] args) {
    return run(chaincode, System.getenv(), args);
  }

  static int run(Chaincode chaincode, Map<String, String> env, String[] args) {
    ShimSettings settings;
    try {
      settings = ShimSettings.from(env, args);
    } catch (IllegalArgumentException e) {
      log.error("cannot start the chaincode: {}", e.getMessage());
      return 2;
    }
    ShimRuntime runtime;
    try {
      runtime = ShimRuntime.start(settings, chaincode);
    } catch (RuntimeException e) {
      log.error("cannot start chaincode {}: {}", settings.chaincodeId(), e.getMessage(), e);
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "weft-shim-shutdown"));
    try {
      if (settings.isServer()) {
        runtime.server().awaitTermination();
        return 0;
      }
      runtime.terminated().get();
      return 0;
    } catch (ExecutionException e) {
      log.error(
          "chaincode {} lost its stream to the peer at {}: {}; exiting with status 1",
          settings.chaincodeId(),
          settings.peerAddress(),
          e.getCause().getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }
}
