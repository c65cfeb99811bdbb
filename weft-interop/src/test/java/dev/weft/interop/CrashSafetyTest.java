package dev.weft.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.weft.peer.ledger.BlockHashes;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.ledger.ResultsIterator;
import dev.weft.peer.ledger.TxSimulator;
import dev.weft.peer.msp.SigningIdentity;
import dev.weft.peer.testing.DeliverRequests;
import dev.weft.peer.testing.StreamObservers;
import dev.weft.peer.testing.TestPeer;
import dev.weft.peer.testing.TransactionEnvelopes;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Weft peer started as the README starts it is killed with SIGKILL at random moments while
 * transactions stream in, and restarted on the same data directory: every block a client saw
 * committed (through DeliverFiltered) is still there, the chain of block hashes is whole, the state
 * and key history equal a replay of the stored blocks' valid transactions up to exactly the last
 * stored block (no block half applied), and commits continue at the next height.
 */
class CrashSafetyTest {

  private static final String CHANNEL = "mychannel";
  private static final String ORG = "crypto/peerOrganizations/org1.example.com";
  private static final int ROUNDS = 3;
  private static final String LAST = "last-writer";

  @TempDir Path directory;

  @Test
  void killingThePeerLosesNoBlockAClientSawCommittedAndCommitsContinueAfterRestart()
      throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path data = directory.resolve("weft-data");
    Set<String> seenCommitted = ConcurrentHashMap.newKeySet();
    for (int round = 0; round < ROUNDS; round++) {
      try (PeerProcess peer = start(data, round)) {
        ManagedChannel connection = connect(peer);
        try {
          checkChainHolds(connection, seenCommitted, "seed " + seed + ", round " + round);
          streamTransactionsAndKill(peer, connection, data, random, seenCommitted);
        } finally {
          connection.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
      }
      checkStateIsTheReplayOfTheBlocks(data, "seed " + seed + ", after kill " + round);
    }
    try (PeerProcess peer = start(data, ROUNDS)) {
      ManagedChannel connection = connect(peer);
      try {
        long height = checkChainHolds(connection, seenCommitted, "seed " + seed + ", final");
        BlockingQueue<DeliverResponse> next = new LinkedBlockingQueue<>();
        DeliverGrpc.newStub(connection)
            .deliverFiltered(StreamObservers.collectInto(next))
            .onNext(seekRequest(data, position(height), position(height)));
        broadcast(connection).onNext(transaction(data, Map.of("after-restart", "v")));
        DeliverResponse block = next.poll(20, TimeUnit.SECONDS);
        assertThat(block).as("a block after the restart, seed %d", seed).isNotNull();
        assertThat(block.getFilteredBlock().getNumber()).isEqualTo(height);
      } finally {
        connection.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
    assertThat(seenCommitted).as("the rounds committed something (seed %d)", seed).isNotEmpty();
  }

  /** Reads the whole chain; checks hashes and that every txid seen committed is in it. */
  private long checkChainHolds(ManagedChannel connection, Set<String> seenCommitted, String context)
      throws InterruptedException {
    BlockingQueue<DeliverResponse> blocks = new LinkedBlockingQueue<>();
    StreamObserver<Envelope> requests =
        DeliverGrpc.newStub(connection).deliver(StreamObservers.collectInto(blocks));
    requests.onNext(
        seekRequest(
            directory.resolve("weft-data"), DeliverRequests.oldest(), DeliverRequests.newest()));
    List<Block> chain = new ArrayList<>();
    Set<String> stored = new java.util.HashSet<>();
    while (true) {
      DeliverResponse response = blocks.poll(20, TimeUnit.SECONDS);
      assertThat(response).as("the chain within 20 s (%s)", context).isNotNull();
      if (response.hasStatus()) {
        break;
      }
      Block block = response.getBlock();
      if (!chain.isEmpty()) {
        Block previous = chain.get(chain.size() - 1);
        assertThat(block.getHeader().getNumber()).isEqualTo(previous.getHeader().getNumber() + 1);
        assertThat(block.getHeader().getPreviousHash().toByteArray())
            .as(
                "block %d chains to block %d (%s)",
                block.getHeader().getNumber(), previous.getHeader().getNumber(), context)
            .isEqualTo(BlockHashes.headerHash(previous.getHeader()));
      }
      assertThat(block.getHeader().getDataHash().toByteArray())
          .isEqualTo(BlockHashes.dataHash(block.getData().getDataList()));
      chain.add(block);
      for (ByteString entry : block.getData().getDataList()) {
        stored.add(txId(entry));
      }
    }
    requests.onCompleted();
    assertThat(stored)
        .as("blocks seen committed are all there (%s)", context)
        .containsAll(seenCommitted);
    return chain.size();
  }

  /**
   * Opens the killed peer's ledger in this process and replays its stored blocks: each VALID
   * transaction's writes, in block order, give the state the ledger must hold; the shared key
   * {@value #LAST} makes the order count.
   */
  private static void checkStateIsTheReplayOfTheBlocks(Path data, String context) throws Exception {
    try (Ledger ledger = Ledger.rocksDb(CHANNEL, data.resolve("ledgers").resolve(CHANNEL), true);
        TxSimulator sim = ledger.newTxSimulator("replay-check")) {
      Map<String, ByteString> replayed = new TreeMap<>();
      int writesOfLast = 0;
      long last = ledger.blocks().nextNumber() - 1;
      for (long n = 1; n <= last; n++) {
        Block block = ledger.blocks().block(n).orElseThrow();
        byte[] filter =
            block
                .getMetadata()
                .getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                .toByteArray();
        for (int i = 0; i < block.getData().getDataCount(); i++) {
          if (filter[i] != TxValidationCode.VALID_VALUE) {
            continue;
          }
          for (KVWrite write : writes(block.getData().getData(i))) {
            replayed.put(write.getKey(), write.getValue());
            writesOfLast += write.getKey().equals(LAST) ? 1 : 0;
          }
        }
      }
      assertThat(ledger.height().orElseThrow().blockNum())
          .as("the state is at the last stored block (%s)", context)
          .isEqualTo(last);
      Map<String, ByteString> state = new TreeMap<>();
      try (ResultsIterator all = sim.rangeQuery("cc", "", "")) {
        for (var kv = (KV) all.next(); kv != null; kv = (KV) all.next()) {
          state.put(kv.getKey(), kv.getValue());
        }
      }
      assertThat(state)
          .as("the state is the replay of the blocks (%s)", context)
          .isEqualTo(replayed);
      int historyOfLast = 0;
      try (ResultsIterator history = sim.history("cc", LAST)) {
        while (history.next() != null) {
          historyOfLast++;
        }
      }
      assertThat(historyOfLast)
          .as("the history of %s has every valid write of it (%s)", LAST, context)
          .isEqualTo(writesOfLast);
    }
  }

  private static List<KVWrite> writes(ByteString entry) throws Exception {
    Payload payload = Payload.parseFrom(Envelope.parseFrom(entry).getPayload());
    ChaincodeActionPayload action =
        ChaincodeActionPayload.parseFrom(
            Transaction.parseFrom(payload.getData()).getActions(0).getPayload());
    ChaincodeAction chaincodeAction =
        ChaincodeAction.parseFrom(
            ProposalResponsePayload.parseFrom(action.getAction().getProposalResponsePayload())
                .getExtension());
    List<KVWrite> writes = new ArrayList<>();
    for (NsReadWriteSet ns :
        TxReadWriteSet.parseFrom(chaincodeAction.getResults()).getNsRwsetList()) {
      if (ns.getNamespace().equals("cc")) {
        writes.addAll(KVRWSet.parseFrom(ns.getRwset()).getWritesList());
      }
    }
    return writes;
  }

  private void streamTransactionsAndKill(
      PeerProcess peer,
      ManagedChannel connection,
      Path data,
      Random random,
      Set<String> seenCommitted)
      throws InterruptedException {
    StreamObserver<DeliverResponse> seen =
        new StreamObserver<>() {
          @Override
          public void onNext(DeliverResponse response) {
            for (FilteredTransaction tx :
                response.getFilteredBlock().getFilteredTransactionsList()) {
              if (tx.getTxValidationCode() == TxValidationCode.VALID) {
                seenCommitted.add(tx.getTxid());
              }
            }
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        };
    DeliverGrpc.newStub(connection)
        .deliverFiltered(seen)
        .onNext(seekRequest(data, position(1), position(Long.MAX_VALUE)));
    // Signed in advance: the kill must land while the peer is busy, not while this test signs.
    List<Envelope> transactions = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String key = "k" + random.nextLong();
      transactions.add(transaction(data, Map.of(key, "v-" + key, LAST, key)));
    }
    StreamObserver<Envelope> broadcast = broadcast(connection);
    AtomicBoolean sending = new AtomicBoolean(true);
    Thread sender =
        new Thread(
            () -> {
              for (Envelope tx : transactions) {
                if (!sending.get()) {
                  return;
                }
                try {
                  broadcast.onNext(tx);
                  Thread.sleep(1);
                } catch (RuntimeException | InterruptedException e) {
                  return;
                }
              }
            },
            "crash-test-sender");
    int before = seenCommitted.size();
    sender.start();
    // Kill only once the round has committed something, so that every round tests a ledger
    // in mid-stream however slow the machine is; then at a random moment within 600 ms.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (seenCommitted.size() == before && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(random.nextInt(600));
    peer.kill();
    sending.set(false);
    sender.join(10_000);
  }

  private static PeerProcess start(Path data, int round) {
    Path logs = Path.of(System.getProperty("interop.logs", "target/chaincode-logs"));
    return PeerProcess.start(
        Path.of(System.getProperty("interop.peerJar")),
        data,
        logs.resolve("crash-safety-peer-" + round + ".log"));
  }

  private static ManagedChannel connect(PeerProcess peer) {
    return ManagedChannelBuilder.forTarget(peer.endorserAddress()).usePlaintext().build();
  }

  private static StreamObserver<Envelope> broadcast(ManagedChannel connection) {
    return AtomicBroadcastGrpc.newStub(connection)
        .broadcast(
            new StreamObserver<BroadcastResponse>() {
              @Override
              public void onNext(BroadcastResponse value) {}

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
  }

  private static SeekPosition position(long number) {
    return DeliverRequests.block(number);
  }

  private static Envelope seekRequest(Path data, SeekPosition start, SeekPosition stop) {
    return DeliverRequests.seek(
        user(data), CHANNEL, start, stop, SeekInfo.SeekBehavior.BLOCK_UNTIL_READY);
  }

  private static Envelope transaction(Path data, Map<String, String> values) {
    SigningIdentity peer =
        SigningIdentity.load(data.resolve(ORG + "/peers/peer0.org1.example.com/msp"), "Org1MSP");
    return TransactionEnvelopes.build(
            new TransactionEnvelopes.Spec(
                user(data), CHANNEL, "cc", "1.0", TestPeer.writes("cc", values), List.of(peer)))
        .envelope();
  }

  private static SigningIdentity user(Path data) {
    return SigningIdentity.load(data.resolve(ORG + "/users/User1@org1.example.com/msp"), "Org1MSP");
  }

  private static String txId(ByteString entry) {
    try {
      return ChannelHeader.parseFrom(
              Payload.parseFrom(Envelope.parseFrom(entry).getPayload())
                  .getHeader()
                  .getChannelHeader())
          .getTxId();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return "";
    }
  }
}
