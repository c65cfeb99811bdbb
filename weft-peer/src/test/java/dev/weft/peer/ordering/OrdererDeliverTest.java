package dev.weft.peer.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.weft.peer.msp.SigningIdentity;
import dev.weft.peer.testing.DeliverRequests;
import dev.weft.peer.testing.StreamObservers;
import dev.weft.peer.testing.TestNode;
import dev.weft.peer.testing.TestOrg;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded orderer's Deliver over gRPC from a whole peer: the channel's blocks as the orderer
 * cut them, with Fabric's seek semantics and statuses.
 */
class OrdererDeliverTest {

  private static final SeekInfo.SeekBehavior WAIT = SeekInfo.SeekBehavior.BLOCK_UNTIL_READY;
  private static final SeekInfo.SeekBehavior FAIL = SeekInfo.SeekBehavior.FAIL_IF_NOT_READY;

  /** 2^64 - 1 as an unsigned block number: "no stop", as Fabric's peers ask their orderer. */
  private static final long MAX = -1L;

  @TempDir static Path directory;
  private static TestNode node;
  private static ManagedChannel connection;
  private static String firstTxId;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(directory.resolve("peer"));
    connection =
        NettyChannelBuilder.forAddress("127.0.0.1", node.peer().peerAddress().getPort())
            .usePlaintext()
            .build();
    firstTxId = node.commitWrite("k", "v");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    connection.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    node.close();
  }

  @Test
  void fromOldestTheOrdererSendsTheGenesisBlockThenTheBlocksItCutThenSuccess() throws Exception {
    List<DeliverResponse> responses = request(DeliverRequests.oldest(), block(1), WAIT, 3);
    assertThat(responses.get(0).getBlock().getHeader().getNumber()).isZero();
    assertThat(responses.get(1).getBlock().getHeader().getNumber()).isEqualTo(1);
    assertThat(txId(responses.get(1).getBlock(), 0)).isEqualTo(firstTxId);
    assertThat(responses.get(2).getStatus()).isEqualTo(Status.SUCCESS);
  }

  @Test
  void theOrderersBlockHasAnEmptyTransactionsFilterWhereThePeersHasTheValidationCodes()
      throws Exception {
    Block cut = request(block(1), block(1), WAIT, 2).get(0).getBlock();
    Block committed = peerBlock(1);

    assertThat(filter(cut)).isEmpty();
    assertThat(filter(committed))
        .isEqualTo(ByteString.copyFrom(new byte[] {(byte) TxValidationCode.VALID_VALUE}));
    assertThat(cut.getHeader()).isEqualTo(committed.getHeader());
    assertThat(cut.getData()).isEqualTo(committed.getData());
    assertThat(cut.getMetadata())
        .isEqualTo(
            committed.getMetadata().toBuilder()
                .setMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE, ByteString.EMPTY)
                .build());
  }

  @Test
  void newestAloneIsTheLastBlockAndAStopAtNewestEndsThereWithSuccess() throws Exception {
    long last = node.ledger().height().orElseThrow().blockNum();
    List<DeliverResponse> newest =
        request(DeliverRequests.newest(), DeliverRequests.newest(), WAIT, 2);
    assertThat(newest.get(0).getBlock().getHeader().getNumber()).isEqualTo(last);
    assertThat(newest.get(1).getStatus()).isEqualTo(Status.SUCCESS);

    List<DeliverResponse> upToNewest =
        request(block(0), DeliverRequests.newest(), WAIT, (int) last + 2);
    for (int i = 0; i <= last; i++) {
      assertThat(upToNewest.get(i).getBlock().getHeader().getNumber()).isEqualTo(i);
    }
    assertThat(upToNewest.get((int) last + 1).getStatus()).isEqualTo(Status.SUCCESS);
  }

  @Test
  void aStreamAskingForEveryBlockFromTheNextOnGetsEachBlockAsItIsCut() throws Exception {
    long next = node.ledger().height().orElseThrow().blockNum() + 1;
    BlockingQueue<DeliverResponse> received = new LinkedBlockingQueue<>();
    StreamObserver<Envelope> requests =
        AtomicBroadcastGrpc.newStub(connection).deliver(StreamObservers.collectInto(received));
    requests.onNext(
        DeliverRequests.seek(node.org().user(), TestNode.CHANNEL, block(next), block(MAX), WAIT));

    // The stream waits: its responses are the blocks cut below, one by one, and no status.
    String first = node.commitWrite("later", "1");
    String second = node.commitWrite("later", "2");
    DeliverResponse one = received.poll(10, TimeUnit.SECONDS);
    DeliverResponse two = received.poll(10, TimeUnit.SECONDS);
    assertThat(one.getBlock().getHeader().getNumber()).isEqualTo(next);
    assertThat(txId(one.getBlock(), 0)).isEqualTo(first);
    assertThat(two.getBlock().getHeader().getNumber()).isEqualTo(next + 1);
    assertThat(txId(two.getBlock(), 0)).isEqualTo(second);
    requests.onError(new IllegalStateException("the test has what it wanted"));
  }

  @Test
  void failIfNotReadyForABlockNotYetCutIsNotFoundAndEndsTheStreamAsInFabric() throws Exception {
    long next = node.ledger().height().orElseThrow().blockNum() + 1;
    BlockingQueue<DeliverResponse> received = new LinkedBlockingQueue<>();
    CompletableFuture<Void> end = new CompletableFuture<>();
    StreamObserver<Envelope> requests =
        AtomicBroadcastGrpc.newStub(connection).deliver(StreamObservers.collectInto(received, end));
    requests.onNext(
        DeliverRequests.seek(node.org().user(), TestNode.CHANNEL, block(next), block(next), FAIL));

    assertThat(received.poll(10, TimeUnit.SECONDS).getStatus()).isEqualTo(Status.NOT_FOUND);
    end.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aStartBeyondTheNextBlockIsNotFoundEvenForAStreamThatWouldWait() throws Exception {
    long beyond = node.ledger().height().orElseThrow().blockNum() + 2;
    assertThat(request(block(beyond), block(MAX), WAIT, 1).get(0).getStatus())
        .isEqualTo(Status.NOT_FOUND);
  }

  @Test
  void unknownChannelsAreNotFoundAndRequestersTheReadersPolicyRefusesAreForbidden()
      throws Exception {
    SigningIdentity stranger =
        TestOrg.generate(directory.resolve("stranger"), "org9.example.com", "Org9MSP").user();
    SigningIdentity expired = node.org().expiredClient("expired");

    assertThat(send(signed(node.org().user(), "nochannel")).getStatus())
        .isEqualTo(Status.NOT_FOUND);
    assertThat(send(signed(stranger, TestNode.CHANNEL)).getStatus()).isEqualTo(Status.FORBIDDEN);
    assertThat(send(signed(expired, TestNode.CHANNEL)).getStatus()).isEqualTo(Status.FORBIDDEN);
  }

  private static List<DeliverResponse> request(
      SeekPosition start, SeekPosition stop, SeekInfo.SeekBehavior behavior, int count)
      throws InterruptedException {
    BlockingQueue<DeliverResponse> received = new LinkedBlockingQueue<>();
    StreamObserver<Envelope> requests =
        AtomicBroadcastGrpc.newStub(connection).deliver(StreamObservers.collectInto(received));
    requests.onNext(
        DeliverRequests.seek(node.org().user(), TestNode.CHANNEL, start, stop, behavior));
    List<DeliverResponse> responses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      DeliverResponse response = received.poll(10, TimeUnit.SECONDS);
      assertThat(response).as("response %d within 10 s", i).isNotNull();
      responses.add(response);
    }
    requests.onCompleted();
    return responses;
  }

  /** The first answer to one request. */
  private static DeliverResponse send(Envelope request) throws InterruptedException {
    BlockingQueue<DeliverResponse> received = new LinkedBlockingQueue<>();
    StreamObserver<Envelope> requests =
        AtomicBroadcastGrpc.newStub(connection).deliver(StreamObservers.collectInto(received));
    requests.onNext(request);
    DeliverResponse response = received.poll(10, TimeUnit.SECONDS);
    assertThat(response).as("a response within 10 s").isNotNull();
    requests.onCompleted();
    return response;
  }

  /** Block {@code number} from the peer's own Deliver: the block as the peer committed it. */
  private static Block peerBlock(long number) throws InterruptedException {
    BlockingQueue<org.hyperledger.fabric.protos.peer.DeliverResponse> received =
        new LinkedBlockingQueue<>();
    StreamObserver<Envelope> requests =
        DeliverGrpc.newStub(connection).deliver(StreamObservers.collectInto(received));
    requests.onNext(
        DeliverRequests.seek(
            node.org().user(), TestNode.CHANNEL, block(number), block(number), WAIT));
    var response = received.poll(10, TimeUnit.SECONDS);
    assertThat(response).as("the peer's block within 10 s").isNotNull();
    requests.onCompleted();
    return response.getBlock();
  }

  private static Envelope signed(SigningIdentity client, String channelId) {
    return DeliverRequests.seek(client, channelId, DeliverRequests.oldest(), block(0), WAIT);
  }

  private static SeekPosition block(long number) {
    return DeliverRequests.block(number);
  }

  private static ByteString filter(Block block) {
    return block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE);
  }

  private static String txId(Block block, int index) throws Exception {
    Payload payload =
        Payload.parseFrom(Envelope.parseFrom(block.getData().getData(index)).getPayload());
    return ChannelHeader.parseFrom(payload.getHeader().getChannelHeader()).getTxId();
  }
}
