package dev.weft.bench;

import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.config.Setting;
import dev.weft.peer.node.WeftPeer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * The load generator: a whole Weft peer in this JVM (temp data directory, loopback ports the system
 * picks) with Weft's interop chaincode in its own process, driven through the Gateway service by
 * Fabric's Java client library from N concurrent clients, each with its own gRPC connection. Each
 * client runs a fixed count of Evaluate ({@code get}) or Submit ({@code put} of a key of its own,
 * waiting for the commit status) calls; it prints throughput and latency percentiles.
 *
 * <pre>
 * java -cp weft-bench/target/benchmarks.jar dev.weft.bench.GatewayLoad evaluate|submit CLIENTS COUNT
 * </pre>
 */
public final class GatewayLoad {

  private static final String CHAINCODE = "interop";
  private static final String USER =
      "crypto/peerOrganizations/org1.example.com/users/User1@org1.example.com/msp";

  private GatewayLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3 || !List.of("evaluate", "submit").contains(args[0])) {
      System.err.println("usage: GatewayLoad evaluate|submit CLIENTS COUNT_PER_CLIENT");
      System.exit(2);
    }
    boolean submit = args[0].equals("submit");
    int clients = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    Path directory = Files.createTempDirectory("weft-gateway-load");
    PeerConfig config =
        PeerConfig.from(
            Map.of(
                Setting.PEER_FILE_SYSTEM_PATH, directory.toString(),
                Setting.PEER_LISTEN_ADDRESS, "127.0.0.1:0",
                Setting.CHAINCODE_LISTEN_ADDRESS, "127.0.0.1:0"));
    try (WeftPeer peer = WeftPeer.startNode(config);
        ShimProcess chaincode =
            ShimProcess.start(
                ShimProcess.Shim.WEFT,
                CHAINCODE + ":1.0",
                "127.0.0.1:" + peer.chaincodeAddress().getPort())) {
      if (!chaincode.awaitReady(peer.chaincodeSupport(), CHAINCODE + ":1.0", 60_000)) {
        throw new IllegalStateException("the chaincode exited or did not register within 60 s");
      }
      String target = "127.0.0.1:" + peer.peerAddress().getPort();
      // Warm-up: the JIT and the connections, not measured.
      run(target, directory.resolve(USER), submit, clients, Math.max(10, count / 5), "warm");
      Result result = run(target, directory.resolve(USER), submit, clients, count, "load");
      System.out.printf(
          "%s: %d clients × %d = %d calls in %.2f s: %.0f calls/s; latency p50 %.2f ms, p90 %.2f ms,"
              + " p99 %.2f ms, max %.2f ms%n",
          args[0],
          clients,
          count,
          result.latenciesNanos().length,
          result.seconds(),
          result.latenciesNanos().length / result.seconds(),
          result.percentileMillis(50),
          result.percentileMillis(90),
          result.percentileMillis(99),
          result.percentileMillis(100));
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(GatewayLoad::delete);
      }
    }
  }

  private record Result(long[] latenciesNanos, double seconds) {
    double percentileMillis(int percentile) {
      long[] sorted = latenciesNanos.clone();
      Arrays.sort(sorted);
      int index =
          Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
      return sorted[Math.max(0, index)] / 1e6;
    }
  }

  private static Result run(
      String target, Path user, boolean submit, int clients, int count, String round)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        String prefix = round + "-" + c + "-";
        futures.add(pool.submit(() -> client(target, user, submit, count, prefix)));
      }
      List<long[]> all = new ArrayList<>();
      for (Future<long[]> future : futures) {
        all.add(future.get());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(all.stream().flatMapToLong(Arrays::stream).toArray(), seconds);
    } finally {
      pool.shutdownNow();
    }
  }

  private static long[] client(String target, Path user, boolean submit, int count, String prefix)
      throws Exception {
    ManagedChannel channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
    try (Gateway gateway = connect(channel, user)) {
      Contract contract = gateway.getNetwork("mychannel").getContract(CHAINCODE);
      long[] latencies = new long[count];
      for (int i = 0; i < count; i++) {
        long started = System.nanoTime();
        if (submit) {
          Status status =
              contract
                  .newProposal("put")
                  .addArguments(prefix + i, "value")
                  .build()
                  .endorse()
                  .submitAsync()
                  .getStatus();
          if (!status.isSuccessful()) {
            throw new IllegalStateException(
                "transaction " + status.getTransactionId() + ": " + status.getCode());
          }
        } else {
          contract.evaluateTransaction("get", prefix + i);
        }
        latencies[i] = System.nanoTime() - started;
      }
      return latencies;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static Gateway connect(ManagedChannel channel, Path user) throws Exception {
    try (Reader certificate = Files.newBufferedReader(first(user.resolve("signcerts")));
        Reader key = Files.newBufferedReader(first(user.resolve("keystore")))) {
      return Gateway.newInstance()
          .identity(new X509Identity("Org1MSP", Identities.readX509Certificate(certificate)))
          .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(key)))
          .connection(channel)
          .connect();
    }
  }

  private static Path first(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().findFirst().orElseThrow();
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
