package dev.weft.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round trip of GET_STATE between a chaincode (this JVM) and the peer (a child JVM), next to the
 * same round trip against a bare gRPC echo server in the peer's process: the same request bytes, a
 * reply of the same size, on the same kind of stream.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class GetStateRoundTripBenchmark {

  @Param({"100", "4096"})
  int valueSize;

  private ChildProcess peerProcess;
  private ChaincodeConnection peer;
  private ChaincodeConnection echo;
  private ChaincodeMessage weftRequest;
  private ChaincodeMessage echoRequest;

  @Setup(Level.Trial)
  public void start() throws InterruptedException {
    peerProcess = new ChildProcess(BenchPeer.class, String.valueOf(valueSize));
    CountDownLatch transaction = new CountDownLatch(1);
    AtomicReference<String> txId = new AtomicReference<>();
    peer =
        new ChaincodeConnection(
            peerProcess.port("PEER"),
            message -> {
              if (message.getType() == ChaincodeMessage.Type.TRANSACTION) {
                txId.set(message.getTxid());
                transaction.countDown();
              }
            });
    peer.register(BenchMessages.CHAINCODE_ID);
    if (!transaction.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the peer started no transaction");
    }
    weftRequest = BenchMessages.getState(txId.get());
    echo = new ChaincodeConnection(peerProcess.port("ECHO"), message -> {});
    echoRequest = BenchMessages.getState(txId.get());
    int weftReply = weftGetState().getSerializedSize();
    int echoReply = echoGetState().getSerializedSize();
    if (weftReply != echoReply) {
      throw new IllegalStateException("replies differ in size: " + weftReply + " vs " + echoReply);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    peer.close();
    echo.close();
    peerProcess.close();
  }

  @Benchmark
  public ChaincodeMessage weftGetState() {
    return peer.call(weftRequest).join();
  }

  @Benchmark
  public ChaincodeMessage echoGetState() {
    return echo.call(echoRequest).join();
  }
}
