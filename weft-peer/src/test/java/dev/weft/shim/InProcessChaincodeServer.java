package dev.weft.shim;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * For the peer's tests: a Weft-shim chaincode in chaincode-server mode (chaincode as a service),
 * running in the test's JVM. It lives in the shim's package because the shim starts a server only
 * from {@code main} (which then never returns); this reaches the same runtime without exiting.
 */
public final class InProcessChaincodeServer implements AutoCloseable {

  private final ShimRuntime runtime;

  private InProcessChaincodeServer(ShimRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * Serves {@code chaincode} on {@code address} ({@code host:port}; port 0 picks a free one),
   * registering with every peer that connects as {@code chaincodeId}.
   */
  public static InProcessChaincodeServer start(
      Chaincode chaincode, String chaincodeId, String address) {
    ShimSettings settings =
        ShimSettings.from(
            Map.of("CHAINCODE_SERVER_ADDRESS", address, "CHAINCODE_ID", chaincodeId),
            new String[0]);
    return new InProcessChaincodeServer(ShimRuntime.start(settings, chaincode));
  }

  public InetSocketAddress address() {
    return runtime.server().address();
  }

  @Override
  public void close() {
    runtime.close();
  }
}
