package dev.weft.bench;

import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.config.Setting;
import dev.weft.peer.node.WeftCommand;
import dev.weft.peer.node.WeftPeer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Time from a chaincode's first use to READY, for chaincode the peer launches itself: a whole Weft
 * peer in this JVM (temp data directory, loopback ports the system picks); each chaincode is
 * deployed once with {@code weft chaincode deploy --peer} (package, install with its build,
 * approve, commit; no launch) and timed, then launched through {@code ChaincodeSupport.launch},
 * which is what a first invocation does (process started, REGISTER, READY), and timed. Then the
 * peer is restarted {@code ROUNDS} times and each restart's first launch (build kept) is timed.
 *
 * <pre>
 * java -cp weft-bench/target/benchmarks.jar dev.weft.bench.LaunchTime REPO_ROOT ROUNDS
 * </pre>
 */
public final class LaunchTime {

  private record Subject(String name, String description, Path source) {}

  private LaunchTime() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: LaunchTime REPO_ROOT ROUNDS");
      System.exit(2);
    }
    Path root = Path.of(args[0]).toAbsolutePath();
    int rounds = Integer.parseInt(args[1]);
    List<Subject> subjects =
        List.of(
            new Subject(
                "weftjar",
                "Java jar on weft-shim (weft-sample-asset-transfer.jar)",
                root.resolve("weft-samples/target/weft-sample-asset-transfer.jar")),
            new Subject(
                "fabricjar",
                "Java jar on Fabric's Java shim 2.5 (interop-chaincode-fabric-shim.jar)",
                root.resolve(
                    "weft-interop/chaincode-java/target/interop-chaincode-fabric-shim.jar")),
            new Subject(
                "nodecc",
                "Node package on Fabric's Node shim 2.5 (weft-interop/chaincode-node)",
                root.resolve("weft-interop/chaincode-node")));
    Path directory = Files.createTempDirectory("weft-launch-time");
    PeerConfig config =
        PeerConfig.from(
            Map.of(
                Setting.PEER_FILE_SYSTEM_PATH, directory.toString(),
                Setting.PEER_LISTEN_ADDRESS, "127.0.0.1:0",
                Setting.CHAINCODE_LISTEN_ADDRESS, "127.0.0.1:0",
                Setting.OPERATIONS_LISTEN_ADDRESS, "127.0.0.1:0"));
    try (WeftPeer peer = WeftPeer.startNode(config)) {
      for (Subject subject : subjects) {
        long deployStart = System.nanoTime();
        int exit =
            WeftCommand.run(
                new String[] {
                  "chaincode",
                  "deploy",
                  subject.source().toString(),
                  "--name",
                  subject.name(),
                  "--peer",
                  "127.0.0.1:" + peer.peerAddress().getPort(),
                  "--data-dir",
                  directory.toString()
                },
                new PrintWriter(System.out, true),
                new PrintWriter(System.err, true));
        if (exit != 0) {
          throw new IllegalStateException("deploy of " + subject.source() + " failed");
        }
        double deploy = (System.nanoTime() - deployStart) / 1e9;
        long start = System.nanoTime();
        launch(peer, subject);
        System.out.printf(
            "%-70s deploy with build: %6.2f s, then first launch: %6.2f s%n",
            subject.description(), deploy, (System.nanoTime() - start) / 1e9);
      }
    }
    for (Subject subject : subjects) {
      List<Double> seconds = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        try (WeftPeer peer = WeftPeer.startNode(config)) {
          long start = System.nanoTime();
          launch(peer, subject);
          seconds.add((System.nanoTime() - start) / 1e9);
        }
      }
      double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf(
          "%-70s first use to READY: median %5.2f s, min %5.2f s, max %5.2f s (%d rounds) %s%n",
          subject.description(),
          sorted[sorted.length / 2],
          sorted[0],
          sorted[sorted.length - 1],
          sorted.length,
          Arrays.toString(sorted));
    }
  }

  private static void launch(WeftPeer peer, Subject subject) throws Exception {
    peer.chaincodeSupport().launch("mychannel", subject.name()).get(10, TimeUnit.MINUTES);
  }
}
