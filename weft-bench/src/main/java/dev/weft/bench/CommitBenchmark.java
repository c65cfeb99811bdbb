package dev.weft.bench;

import com.google.protobuf.ByteString;
import dev.weft.peer.channel.Channel;
import dev.weft.peer.channel.GenesisBlock;
import dev.weft.peer.commit.BlockCommitter;
import dev.weft.peer.commit.CommittedBlock;
import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.config.Setting;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.metrics.MetricsRegistry;
import dev.weft.peer.msp.SigningIdentity;
import dev.weft.peer.node.WeftPeer;
import dev.weft.peer.ordering.BlockAssembler;
import dev.weft.peer.testing.TestOrg;
import dev.weft.peer.testing.TransactionEnvelopes;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Commit: {@code commitBlock} validates and commits a block of 500 simple transactions (one write
 * each, one endorsement, the client's and the endorser's signatures to verify) into a RocksDB
 * ledger: block, txid index, state, history and savepoint in one synced write; ops/s × 500 =
 * transactions/s. {@code loneTransaction} is the latency of one transaction broadcast over gRPC to
 * a whole peer until it is committed (the orderer cuts it into a block alone at once).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 5)
public class CommitBenchmark {

  private static final int BLOCK_SIZE = 500;

  private Path directory;
  private TestOrg org;
  private SigningIdentity client;
  private SigningIdentity endorser;
  private Ledger ledger;
  private BlockCommitter committer;
  private BlockHeader last;
  private final AtomicLong keys = new AtomicLong();

  private WeftPeer peer;
  private ManagedChannel connection;
  private StreamObserver<Envelope> broadcast;
  private SigningIdentity peerUser;

  @Setup(Level.Trial)
  public void start() throws IOException {
    directory = Files.createTempDirectory("weft-bench-commit");
    org = TestOrg.generate(directory.resolve("crypto"), "org1.example.com", "Org1MSP");
    client = org.user();
    endorser = org.peer();
    Block genesis =
        GenesisBlock.create(BenchMessages.CHANNEL, List.of(org.organization()), Instant.now());
    Channel channel = Channel.fromConfigBlock(genesis);
    ledger = Ledger.rocksDb(BenchMessages.CHANNEL, directory.resolve("ledger"), true);
    committer =
        new BlockCommitter(
            channel, ledger, "/Channel/Application/Endorsement", new MetricsRegistry());
    committer.commitGenesis(genesis);
    last = genesis.getHeader();

    peer =
        WeftPeer.startNode(
            PeerConfig.from(
                Map.of(
                    Setting.PEER_FILE_SYSTEM_PATH,
                    directory.resolve("peer").toString(),
                    Setting.PEER_LISTEN_ADDRESS,
                    "127.0.0.1:0",
                    Setting.CHAINCODE_LISTEN_ADDRESS,
                    "127.0.0.1:0",
                    Setting.OPERATIONS_LISTEN_ADDRESS,
                    "127.0.0.1:0",
                    Setting.PEER_CHANNEL,
                    BenchMessages.CHANNEL)));
    peerUser =
        new TestOrg(
                new dev.weft.peer.msp.PeerOrgLayout(
                    directory.resolve("peer/crypto"), "org1.example.com"),
                "Org1MSP")
            .user();
    connection =
        NettyChannelBuilder.forAddress("127.0.0.1", peer.peerAddress().getPort())
            .usePlaintext()
            .build();
    broadcast =
        AtomicBroadcastGrpc.newStub(connection)
            .broadcast(
                new StreamObserver<>() {
                  @Override
                  public void onNext(BroadcastResponse response) {
                    if (response.getStatusValue() != 200) {
                      throw new IllegalStateException("broadcast refused: " + response);
                    }
                  }

                  @Override
                  public void onError(Throwable t) {}

                  @Override
                  public void onCompleted() {}
                });
  }

  /** The next block to commit: 500 fresh transactions, built outside the measurement. */
  @State(Scope.Thread)
  public static class NextBlock {
    Block block;

    @Setup(Level.Invocation)
    public void build(CommitBenchmark bench) {
      List<ByteString> envelopes = new ArrayList<>(BLOCK_SIZE);
      for (int i = 0; i < BLOCK_SIZE; i++) {
        envelopes.add(bench.transaction(bench.client, bench.endorser).bytes());
      }
      block = BlockAssembler.next(bench.last, envelopes);
    }
  }

  /** The next lone transaction, for the whole peer's user and endorsed by its peer. */
  @State(Scope.Thread)
  public static class NextTransaction {
    TransactionEnvelopes.Built transaction;

    @Setup(Level.Invocation)
    public void build(CommitBenchmark bench) {
      transaction = bench.transaction(bench.peerUser, bench.peer.identity());
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public CommittedBlock commitBlock(NextBlock next) {
    CommittedBlock committed = committer.commit(next.block);
    last = next.block.getHeader();
    if (committed.validationCodes().get(BLOCK_SIZE - 1) != TxValidationCode.VALID) {
      throw new IllegalStateException("not valid: " + committed.validationCodes().get(0));
    }
    return committed;
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean loneTransaction(NextTransaction next) {
    TransactionEnvelopes.Built nextLone = next.transaction;
    broadcast.onNext(nextLone.envelope());
    Ledger peerLedger = peer.ledgers().get(BenchMessages.CHANNEL).orElseThrow();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!peerLedger.containsTransaction(nextLone.txId())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not committed within 10 s");
      }
      LockSupport.parkNanos(20_000);
    }
    return true;
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    broadcast.onCompleted();
    connection.shutdownNow();
    peer.close();
    ledger.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(CommitBenchmark::delete);
    }
  }

  private TransactionEnvelopes.Built transaction(SigningIdentity user, SigningIdentity peerId) {
    String key = "k" + keys.incrementAndGet();
    TxReadWriteSet rwSet = TransactionEnvelopes.write(BenchMessages.CHAINCODE, key, "value-" + key);
    return TransactionEnvelopes.build(
        new TransactionEnvelopes.Spec(
            user, BenchMessages.CHANNEL, BenchMessages.CHAINCODE, "1.0", rwSet, List.of(peerId)));
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
