package dev.weft.peer.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.weft.peer.ledger.BlockHashes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.junit.jupiter.api.Test;

class ChannelOrdererTest {

  private static final BlockHeader GENESIS =
      BlockHeader.newBuilder()
          .setNumber(0)
          .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(List.of())))
          .build();

  private final BlockingQueue<Block> committed = new LinkedBlockingQueue<>();

  @Test
  void aLoneEnvelopeIsCutIntoABlockAtOnceChainedToThePreviousHeader() throws Exception {
    try (ChannelOrderer orderer = orderer(500, 1 << 20, Duration.ZERO)) {
      orderer.order(envelope("a"));
      Block block = next();
      assertThat(block.getHeader().getNumber()).isEqualTo(1);
      assertThat(block.getData().getDataList()).containsExactly(envelope("a"));
      assertThat(block.getHeader().getPreviousHash().toByteArray())
          .isEqualTo(BlockHashes.headerHash(GENESIS));
      assertThat(block.getHeader().getDataHash().toByteArray())
          .isEqualTo(BlockHashes.dataHash(List.of(envelope("a"))));
      assertThat(block.getMetadata().getMetadataCount()).isEqualTo(5);
    }
  }

  @Test
  void envelopesWaitingTogetherShareBlocksUpToTheCountAndByteLimits() throws Exception {
    CountDownLatch firstBlockArrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    BlockingQueue<Block> blocks = new LinkedBlockingQueue<>();
    try (ChannelOrderer orderer =
        new ChannelOrderer(
            "ch",
            GENESIS,
            new ChannelOrderer.Settings(3, 10, Duration.ZERO),
            block -> {
              firstBlockArrived.countDown();
              awaitQuietly(release); // a slow commit: meanwhile the next envelopes queue up
              blocks.add(block);
            })) {
      orderer.order(envelope("0"));
      assertThat(firstBlockArrived.await(10, TimeUnit.SECONDS)).isTrue();
      for (String text : List.of("1", "2", "3", "4444", "5555", "66666", "7")) {
        orderer.order(envelope(text));
      }
      release.countDown();
      List<Integer> sizes = new java.util.ArrayList<>();
      int envelopes = 0;
      while (envelopes < 8) {
        Block block = blocks.poll(10, TimeUnit.SECONDS);
        assertThat(block).as("a block within 10 s").isNotNull();
        sizes.add(block.getData().getDataCount());
        envelopes += block.getData().getDataCount();
      }
      // Alone while nothing waited; then at most 3 envelopes and at most 10 bytes per block.
      assertThat(sizes).containsExactly(1, 3, 2, 2);
    }
  }

  @Test
  void withABatchTimeoutTheOrdererWaitsForMoreAsFabricDoes() throws Exception {
    try (ChannelOrderer orderer = orderer(500, 1 << 20, Duration.ofMillis(300))) {
      orderer.order(envelope("a"));
      Thread.sleep(50);
      orderer.order(envelope("b"));
      Block block = next();
      assertThat(block.getData().getDataList()).containsExactly(envelope("a"), envelope("b"));
    }
  }

  @Test
  void theHeaderHashIsOverTheAsn1FormOfNumberPreviousHashAndDataHash() throws Exception {
    BlockHeader header =
        BlockHeader.newBuilder()
            .setNumber(7)
            .setPreviousHash(ByteString.copyFromUtf8("prev"))
            .setDataHash(ByteString.copyFromUtf8("data"))
            .build();
    byte[] der =
        new org.bouncycastle.asn1.DERSequence(
                new org.bouncycastle.asn1.ASN1Encodable[] {
                  new ASN1Integer(7),
                  new org.bouncycastle.asn1.DEROctetString("prev".getBytes()),
                  new org.bouncycastle.asn1.DEROctetString("data".getBytes())
                })
            .getEncoded();
    ASN1Sequence parsed = ASN1Sequence.getInstance(der);
    assertThat(ASN1OctetString.getInstance(parsed.getObjectAt(2)).getOctets())
        .isEqualTo("data".getBytes());
    assertThat(BlockHashes.headerHash(header))
        .isEqualTo(java.security.MessageDigest.getInstance("SHA-256").digest(der));
  }

  @Test
  void closingOrdersAndCommitsWhatBroadcastAlreadyAccepted() {
    List<Block> blocks = new java.util.concurrent.CopyOnWriteArrayList<>();
    ChannelOrderer orderer =
        new ChannelOrderer(
            "ch",
            GENESIS,
            new ChannelOrderer.Settings(1, 1 << 20, Duration.ZERO),
            block -> {
              sleepQuietly(20); // a commit that takes a while
              blocks.add(block);
            });
    for (String text : List.of("a", "b", "c", "d", "e")) {
      assertThat(orderer.order(envelope(text))).isTrue();
    }
    orderer.close();
    assertThat(blocks).hasSize(5);
    assertThat(blocks.get(4).getData().getDataList()).containsExactly(envelope("e"));
  }

  @Test
  void aClosedOrdererRefusesEnvelopes() {
    ChannelOrderer orderer = orderer(500, 1 << 20, Duration.ZERO);
    orderer.close();
    assertThat(orderer.order(envelope("late"))).isFalse();
  }

  private ChannelOrderer orderer(int count, long bytes, Duration timeout) {
    return new ChannelOrderer(
        "ch", GENESIS, new ChannelOrderer.Settings(count, bytes, timeout), committed::add);
  }

  private Block next() throws InterruptedException {
    Block block = committed.poll(10, TimeUnit.SECONDS);
    assertThat(block).as("a block within 10 s").isNotNull();
    return block;
  }

  private static ByteString envelope(String text) {
    return ByteString.copyFromUtf8(text);
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
