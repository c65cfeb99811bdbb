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
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
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
 * Transactions per second for a transaction that does one GET_STATE and one PUT_STATE: the peer
 * (this JVM) executes it through chaincode support, with the read-write set built, against a
 * chaincode in a child JVM. Next to it, the floor: the same six messages exchanged with a bare gRPC
 * echo server in the chaincode's process, three round trips per transaction, multiplexed on one
 * stream by transaction id just as the peer does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Threads(16)
@Fork(1)
public class TransactionThroughputBenchmark {

  @Param({"100"})
  int valueSize;

  private final AtomicLong txCounter = new AtomicLong();
  private WeftPeer peer;
  private ChildProcess chaincodeProcess;
  private ChaincodeConnection echo;
  private ByteString value;

  @Setup(Level.Trial)
  public void start() throws InterruptedException {
    value = BenchMessages.value(valueSize);
    PeerConfig defaults = PeerConfig.defaults();
    peer =
        WeftPeer.start(
            defaults.withChaincode(
                defaults.chaincode().withListenAddress(new HostPort("127.0.0.1", 0))));
    Ledger ledger = peer.ledgers().add(Ledger.inMemory(BenchMessages.CHANNEL, true));
    LedgerBlocks.commit(
        ledger,
        1,
        List.of(
            new ValidTransaction(
                0, "seed", Timestamp.getDefaultInstance(), BenchPeer.seed(value))));
    chaincodeProcess =
        new ChildProcess(
            BenchChaincode.class,
            String.valueOf(peer.chaincodeAddress().getPort()),
            String.valueOf(valueSize));
    echo = new ChaincodeConnection(chaincodeProcess.port("ECHO"), message -> {});
    ExecutionResult check = weftTransaction();
    if (check.readWriteSet().getNsRwsetCount() != 1) {
      throw new IllegalStateException("unexpected read-write set " + check.readWriteSet());
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    echo.close();
    chaincodeProcess.close();
    peer.close();
  }

  @Benchmark
  public ExecutionResult weftTransaction() {
    return peer.chaincodeSupport()
        .execute(
            new ExecutionRequest(
                BenchMessages.CHANNEL,
                nextTxId(),
                BenchMessages.proposal(),
                BenchMessages.CHAINCODE,
                BenchMessages.input()))
        .join();
  }

  @Benchmark
  public ChaincodeMessage echoTransaction() {
    // Each reply triggers the next send on the gRPC thread that received it, as in the peer,
    // and the benchmark thread wakes once per transaction, as it does for weftTransaction.
    String txId = nextTxId();
    return echo.call(BenchMessages.transaction(txId))
        .thenCompose(reply -> echo.call(BenchMessages.response(txId, value)))
        .thenCompose(reply -> echo.call(BenchMessages.response(txId, ByteString.EMPTY)))
        .join();
  }

  private String nextTxId() {
    return Long.toHexString(0x1000000000000000L + txCounter.incrementAndGet());
  }
}
