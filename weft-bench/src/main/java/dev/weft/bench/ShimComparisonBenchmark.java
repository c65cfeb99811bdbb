package dev.weft.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.weft.peer.chaincode.ExecutionRequest;
import dev.weft.peer.chaincode.ExecutionResult;
import dev.weft.peer.config.HostPort;
import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.ledger.ValidTransaction;
import dev.weft.peer.node.WeftPeer;
import dev.weft.peer.testing.LedgerBlocks;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Weft's shim against Fabric's Java shim ({@code fabric-chaincode-shim} 2.5.5), the same chaincode
 * (weft-interop's interop chaincode) on each, in its own process, against a Weft peer in this JVM:
 * the latency of a transaction that does one GET_STATE (one thread), and the rate of transactions
 * that do one PUT_STATE and one GET_STATE (16 threads).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ShimComparisonBenchmark {

  private static final String NAMESPACE = "interop";
  private static final String ID = NAMESPACE + ":1.0";

  @Param({"FABRIC_JAVA", "WEFT"})
  ShimProcess.Shim shim;

  private final AtomicLong txCounter = new AtomicLong();
  private WeftPeer peer;
  private ShimProcess chaincode;
  private ChaincodeInput get;
  private ChaincodeInput putGet;

  @Setup(Level.Trial)
  public void start() throws InterruptedException {
    PeerConfig defaults = PeerConfig.defaults();
    peer =
        WeftPeer.start(
            defaults.withChaincode(
                defaults.chaincode().withListenAddress(new HostPort("127.0.0.1", 0))));
    Ledger ledger = peer.ledgers().add(Ledger.inMemory(BenchMessages.CHANNEL, true));
    KVRWSet seed =
        KVRWSet.newBuilder()
            .addWrites(
                KVWrite.newBuilder().setKey(BenchMessages.KEY).setValue(BenchMessages.value(100)))
            .build();
    LedgerBlocks.commit(
        ledger,
        1,
        List.of(
            new ValidTransaction(
                0,
                "seed",
                Timestamp.getDefaultInstance(),
                TxReadWriteSet.newBuilder()
                    .addNsRwset(
                        NsReadWriteSet.newBuilder()
                            .setNamespace(NAMESPACE)
                            .setRwset(seed.toByteString()))
                    .build())));
    chaincode = ShimProcess.start(shim, ID, "127.0.0.1:" + peer.chaincodeAddress().getPort());
    if (!chaincode.awaitReady(peer.chaincodeSupport(), ID, 60_000)) {
      throw new IllegalStateException("the " + shim + " chaincode did not register");
    }
    get = input("get", BenchMessages.KEY);
    putGet = input("putGet", BenchMessages.KEY, "v".repeat(100));
    ExecutionResult check = execute(get);
    if (check.response().getStatus() != 200 || check.response().getPayload().size() != 100) {
      throw new IllegalStateException("unexpected response " + check.response());
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    chaincode.close();
    peer.close();
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public ExecutionResult getTransaction() {
    return execute(get);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(16)
  public ExecutionResult putGetTransaction() {
    return execute(putGet);
  }

  private ExecutionResult execute(ChaincodeInput input) {
    String txId = Long.toHexString(0x1000000000000000L + txCounter.incrementAndGet());
    return peer.chaincodeSupport()
        .execute(
            new ExecutionRequest(
                BenchMessages.CHANNEL,
                txId,
                BenchMessages.validProposal(BenchMessages.CHANNEL, txId, NAMESPACE),
                NAMESPACE,
                input))
        .join();
  }

  private static ChaincodeInput input(String... args) {
    ChaincodeInput.Builder input = ChaincodeInput.newBuilder();
    for (String arg : args) {
      input.addArgs(ByteString.copyFromUtf8(arg));
    }
    return input.build();
  }
}
