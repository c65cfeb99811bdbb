package dev.weft.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.config.Setting;
import dev.weft.peer.ledger.ValidTransaction;
import dev.weft.peer.msp.Identity;
import dev.weft.peer.msp.PeerOrgLayout;
import dev.weft.peer.msp.SigningIdentity;
import dev.weft.peer.node.WeftPeer;
import dev.weft.peer.testing.LedgerBlocks;
import dev.weft.peer.testing.ProposalClient;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Endorsements per second: a whole Weft peer in this JVM ({@link WeftPeer#startNode}, identity and
 * channel generated in a temporary directory) endorses proposals sent over gRPC on loopback by 16
 * client threads, for the 1-GET_STATE-1-PUT_STATE chaincode of the throughput benchmark in a child
 * JVM. Every endorsement verifies the client's signature, checks the channel's Writers policy,
 * simulates, and signs the response. Proposals are signed in advance (a pool reused in turn: a txid
 * is refused only while in flight or once committed), so the client's own signing is not measured.
 *
 * <p>{@code endorseInProcess} calls the endorser directly, without the client's gRPC round trip, to
 * compare with {@code TransactionThroughputBenchmark.weftTransaction} (the same chaincode execution
 * without the endorser). {@code ecdsaPerEndorsement} measures, on one thread, the ECDSA work of one
 * endorsement alone: verifying a proposal signature with the identity's cached key, and signing a
 * response payload.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 10)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class EndorsementBenchmark {

  private static final int POOL = 4096;

  private Path dataDirectory;
  private WeftPeer peer;
  private ChildProcess chaincodeProcess;
  private ManagedChannel client;
  private SignedProposal[] proposals;
  private final AtomicInteger next = new AtomicInteger();
  private SigningIdentity user;
  private Identity userIdentity;
  private byte[] responsePayload;
  private byte[] proposalSignature;
  private byte[] proposalBytes;

  @Setup(Level.Trial)
  public void start() throws Exception {
    dataDirectory = Files.createTempDirectory("weft-bench-endorse");
    PeerConfig config =
        PeerConfig.from(
            Map.of(
                Setting.PEER_FILE_SYSTEM_PATH,
                dataDirectory.toString(),
                Setting.PEER_LISTEN_ADDRESS,
                "127.0.0.1:0",
                Setting.CHAINCODE_LISTEN_ADDRESS,
                "127.0.0.1:0",
                Setting.OPERATIONS_LISTEN_ADDRESS,
                "127.0.0.1:0",
                Setting.PEER_CHANNEL,
                BenchMessages.CHANNEL));
    peer = WeftPeer.startNode(config);
    LedgerBlocks.commit(
        peer.ledgers().get(BenchMessages.CHANNEL).orElseThrow(),
        1,
        List.of(
            new ValidTransaction(
                0,
                "seed",
                Timestamp.getDefaultInstance(),
                BenchPeer.seed(BenchMessages.value(100)))));
    chaincodeProcess =
        new ChildProcess(
            BenchChaincode.class, String.valueOf(peer.chaincodeAddress().getPort()), "100");
    client =
        NettyChannelBuilder.forAddress("127.0.0.1", peer.peerAddress().getPort())
            .usePlaintext()
            .build();
    PeerOrgLayout layout = new PeerOrgLayout(dataDirectory.resolve("crypto"), "org1.example.com");
    user = SigningIdentity.load(layout.userMspDirectory(layout.userName(1)), "Org1MSP");
    userIdentity = user.identity();
    ProposalClient proposer = new ProposalClient(user);
    String[] args =
        BenchMessages.input().getArgsList().stream()
            .map(ByteString::toStringUtf8)
            .toArray(String[]::new);
    proposals = new SignedProposal[POOL];
    for (int i = 0; i < POOL; i++) {
      proposals[i] =
          proposer.proposal(BenchMessages.CHANNEL, BenchMessages.CHAINCODE, args).signed();
    }
    ProposalResponse check = endorse();
    if (!check.hasEndorsement()) {
      throw new IllegalStateException("not endorsed: " + check.getResponse());
    }
    responsePayload = check.getPayload().concat(check.getEndorsement().getEndorser()).toByteArray();
    proposalBytes = proposals[0].getProposalBytes().toByteArray();
    proposalSignature = proposals[0].getSignature().toByteArray();
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    client.shutdownNow();
    chaincodeProcess.close();
    peer.close();
    try (Stream<Path> files = Files.walk(dataDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(EndorsementBenchmark::delete);
    }
  }

  @Benchmark
  @Threads(16)
  public ProposalResponse endorse() {
    SignedProposal proposal = proposals[Math.floorMod(next.getAndIncrement(), POOL)];
    return EndorserGrpc.newBlockingStub(client).processProposal(proposal);
  }

  /** The same, called in this process: the endorser without the client's gRPC round trip. */
  @Benchmark
  @Threads(16)
  public ProposalResponse endorseInProcess() {
    SignedProposal proposal = proposals[Math.floorMod(next.getAndIncrement(), POOL)];
    return peer.endorser().processProposal(proposal).join();
  }

  @Benchmark
  @Threads(1)
  public byte[] ecdsaPerEndorsement() {
    if (!userIdentity.verify(proposalBytes, proposalSignature)) {
      throw new IllegalStateException("the proposal signature does not verify");
    }
    return peer.identity().sign(responsePayload);
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
