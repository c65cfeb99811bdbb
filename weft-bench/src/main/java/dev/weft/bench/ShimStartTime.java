package dev.weft.bench;

import dev.weft.peer.config.HostPort;
import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.node.WeftPeer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How long a chaincode takes from process start until the peer has sent it READY, for Weft's shim
 * and Fabric's Java shim (the same interop chaincode on each). Not a JMH benchmark: each sample is
 * a new JVM. Run from the repository root:
 *
 * <pre>java -cp weft-bench/target/benchmarks.jar dev.weft.bench.ShimStartTime [starts]</pre>
 */
public final class ShimStartTime {

  private ShimStartTime() {}

  public static void main(String[] args) throws Exception {
    int starts = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Map<ShimProcess.Shim, List<Long>> samples = new EnumMap<>(ShimProcess.Shim.class);
    for (ShimProcess.Shim shim : ShimProcess.Shim.values()) {
      samples.put(shim, new ArrayList<>());
    }
    PeerConfig defaults = PeerConfig.defaults();
    try (WeftPeer peer =
        WeftPeer.start(
            defaults.withChaincode(
                defaults.chaincode().withListenAddress(new HostPort("127.0.0.1", 0))))) {
      String address = "127.0.0.1:" + peer.chaincodeAddress().getPort();
      for (int round = 0; round <= starts; round++) {
        for (ShimProcess.Shim shim : ShimProcess.Shim.values()) {
          String id = "start" + round + shim.ordinal() + ":1.0";
          long begin = System.nanoTime();
          try (ShimProcess process = ShimProcess.start(shim, id, address)) {
            if (!process.awaitReady(peer.chaincodeSupport(), id, 60_000)) {
              throw new IllegalStateException(shim + " did not register");
            }
            long millis = (System.nanoTime() - begin) / 1_000_000;
            // The first round warms the disk cache and is not counted.
            if (round > 0) {
              samples.get(shim).add(millis);
            }
          }
        }
      }
    }
    for (ShimProcess.Shim shim : ShimProcess.Shim.values()) {
      List<Long> sorted = new ArrayList<>(samples.get(shim));
      Collections.sort(sorted);
      System.out.printf(
          "%-12s starts=%d  median=%d ms  min=%d ms  max=%d ms%n",
          shim,
          sorted.size(),
          sorted.get(sorted.size() / 2),
          sorted.get(0),
          sorted.get(sorted.size() - 1));
    }
  }
}
