package dev.weft.peer.deliver;

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
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deliver and DeliverFiltered over gRPC from a whole peer, with Fabric's seek semantics. */
class DeliverServiceTest {

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
    firstTxId = commitWrite("k", "v");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    connection.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    node.close();
  }

  @Test
  void deliverFromOldestSendsTheConfigBlockThenTheCommittedBlocksThenSuccess() throws Exception {
    List<DeliverResponse> responses =
        request(false, seek(oldest(), specified(1), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY), 3);
    assertThat(responses.get(0).getBlock().getHeader().getNumber()).isZero();
    assertThat(responses.get(1).getBlock().getHeader().getNumber()).isEqualTo(1);
    assertThat(responses.get(2).getStatus()).isEqualTo(Status.SUCCESS);
  }

  @Test
  void newestIsTheLastCommittedBlock() throws Exception {
    long last = node.ledger().height().orElseThrow().blockNum();
    List<DeliverResponse> responses =
        request(false, seek(newest(), newest(), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY), 2);
    assertThat(responses.get(0).getBlock().getHeader().getNumber()).isEqualTo(last);
    assertThat(responses.get(1).getStatus()).isEqualTo(Status.SUCCESS);
  }

  @Test
  void deliverFilteredSendsTxidsAndValidationCodes() throws Exception {
    List<DeliverResponse> responses =
        request(true, seek(specified(1), specified(1), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY), 2);
    var filtered = responses.get(0).getFilteredBlock();
    assertThat(filtered.getChannelId()).isEqualTo(TestNode.CHANNEL);
    assertThat(filtered.getFilteredTransactions(0).getTxid()).isEqualTo(firstTxId);
    assertThat(filtered.getFilteredTransactions(0).getTxValidationCode())
        .isEqualTo(TxValidationCode.VALID);
    assertThat(responses.get(1).getStatus()).isEqualTo(Status.SUCCESS);
  }

  @Test
  void aStreamWaitsForTheNextBlockAndFailIfNotReadyDoesNot() throws Exception {
    long next = node.ledger().height().orElseThrow().blockNum() + 1;
    assertThat(
            request(
                    true,
                    seek(specified(next), specified(next), SeekInfo.SeekBehavior.FAIL_IF_NOT_READY),
                    1)
                .get(0)
                .getStatus())
        .isEqualTo(Status.NOT_FOUND);

    BlockingQueue<DeliverResponse> received = new LinkedBlockingQueue<>();
    StreamObserver<Envelope> waiting =
        DeliverGrpc.newStub(connection).deliverFiltered(StreamObservers.collectInto(received));
    waiting.onNext(
        signed(
            node.org().user(),
            TestNode.CHANNEL,
            seek(specified(next), specified(next), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY)));
    // The stream waits: its first response is the block committed below, not a status.
    String txId = commitWrite("later", "x");
    DeliverResponse block = received.poll(10, TimeUnit.SECONDS);
    assertThat(block.hasFilteredBlock()).isTrue();
    assertThat(block.getFilteredBlock().getFilteredTransactions(0).getTxid()).isEqualTo(txId);
    assertThat(received.poll(10, TimeUnit.SECONDS).getStatus()).isEqualTo(Status.SUCCESS);
    waiting.onCompleted();
  }

  @Test
  void strangersAndUnknownChannelsAreRefusedWithFabricsStatuses() throws Exception {
    SigningIdentity stranger =
        TestOrg.generate(directory.resolve("stranger"), "org9.example.com", "Org9MSP").user();
    SeekInfo any = seek(oldest(), newest(), SeekInfo.SeekBehavior.BLOCK_UNTIL_READY);
    assertThat(send(false, signed(stranger, TestNode.CHANNEL, any), 1).get(0).getStatus())
        .isEqualTo(Status.FORBIDDEN);
    assertThat(send(false, signed(node.org().user(), "nochannel", any), 1).get(0).getStatus())
        .isEqualTo(Status.NOT_FOUND);
    assertThat(
            send(
                    false,
                    Envelope.newBuilder()
                        .setPayload(ByteString.copyFromUtf8("\u0012\u0003x"))
                        .build(),
                    1)
                .get(0)
                .getStatus())
        .isEqualTo(Status.BAD_REQUEST);
  }

  private static List<DeliverResponse> request(boolean filtered, SeekInfo seek, int count)
      throws InterruptedException {
    return send(filtered, signed(node.org().user(), TestNode.CHANNEL, seek), count);
  }

  private static List<DeliverResponse> send(boolean filtered, Envelope request, int count)
      throws InterruptedException {
    BlockingQueue<DeliverResponse> received = new LinkedBlockingQueue<>();
    DeliverGrpc.DeliverStub stub = DeliverGrpc.newStub(connection);
    StreamObserver<Envelope> requests =
        filtered
            ? stub.deliverFiltered(StreamObservers.collectInto(received))
            : stub.deliver(StreamObservers.collectInto(received));
    requests.onNext(request);
    List<DeliverResponse> responses = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      DeliverResponse response = received.poll(10, TimeUnit.SECONDS);
      assertThat(response).as("response %d within 10 s", i).isNotNull();
      responses.add(response);
    }
    requests.onCompleted();
    return responses;
  }

  private static Envelope signed(SigningIdentity client, String channelId, SeekInfo seek) {
    return DeliverRequests.seek(
        client, channelId, seek.getStart(), seek.getStop(), seek.getBehavior());
  }

  private static SeekInfo seek(SeekPosition start, SeekPosition stop, SeekInfo.SeekBehavior how) {
    return SeekInfo.newBuilder().setStart(start).setStop(stop).setBehavior(how).build();
  }

  private static SeekPosition oldest() {
    return DeliverRequests.oldest();
  }

  private static SeekPosition newest() {
    return DeliverRequests.newest();
  }

  private static SeekPosition specified(long number) {
    return DeliverRequests.block(number);
  }

  private static String commitWrite(String key, String value) throws Exception {
    return node.commitWrite(key, value);
  }
}
