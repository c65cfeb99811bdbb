package dev.weft.peer.ordering;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders one channel's envelopes into blocks on its own thread and hands each block, in order, to
 * the committer. A block is cut at {@code maxMessageCount} envelopes, before the envelope that
 * would take it past {@code preferredMaxBytes}, and otherwise: with no batch timeout, as soon as no
 * further envelope is waiting; with one, when the timeout after the batch's first envelope expires
 * (Fabric's behaviour).
 */
public final class ChannelOrderer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChannelOrderer.class);
  private static final long IDLE_CHECK_MILLIS = 100;

  /**
   * How blocks are cut.
   *
   * @param maxMessageCount most envelopes in a block (Fabric's default 500)
   * @param preferredMaxBytes most bytes of envelopes in a block, unless one envelope alone is
   *     larger
   * @param batchTimeout zero to cut as soon as nothing more is waiting; otherwise Fabric's timeout
   */
  public record Settings(int maxMessageCount, long preferredMaxBytes, Duration batchTimeout) {

    public Settings {
      if (maxMessageCount < 1 || preferredMaxBytes < 1 || batchTimeout.isNegative()) {
        throw new IllegalArgumentException("invalid block cutting settings");
      }
    }
  }

  private final String channelId;
  private final Settings settings;
  private final Consumer<Block> committer;
  private final LinkedBlockingDeque<ByteString> waiting = new LinkedBlockingDeque<>();
  private final Thread cutter;
  private volatile boolean running = true;
  private BlockHeader last; // only the cutter thread touches it once started

  /**
   * @param last the header of the channel's last block, which the next block chains to
   * @param committer receives every block, in order, on the orderer's thread
   */
  public ChannelOrderer(
      String channelId, BlockHeader last, Settings settings, Consumer<Block> committer) {
    this.channelId = channelId;
    this.last = last;
    this.settings = settings;
    this.committer = committer;
    this.cutter = new Thread(this::cutBlocks, "weft-orderer-" + channelId);
    this.cutter.setDaemon(true);
    this.cutter.start();
  }

  /** Queues an envelope for the next block; false if this orderer has stopped. */
  public boolean order(ByteString envelope) {
    if (!running) {
      return false;
    }
    waiting.addLast(envelope);
    return true;
  }

  /** Whether the orderer accepts envelopes (it stops when closed or when a commit failed). */
  public boolean isRunning() {
    return running;
  }

  private void cutBlocks() {
    try {
      // After close, what Broadcast already accepted is still ordered and committed.
      while (running || !waiting.isEmpty()) {
        ByteString first = waiting.pollFirst(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        List<ByteString> batch = batchFrom(first);
        Block block = BlockAssembler.next(last, batch);
        committer.accept(block);
        last = block.getHeader();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // A block the ledger could not take: stop rather than order past a gap.
      log.error(
          "channel {}: committing block {} failed; ordering stopped",
          channelId,
          last.getNumber() + 1,
          e);
      running = false;
    }
  }

  private List<ByteString> batchFrom(ByteString first) throws InterruptedException {
    List<ByteString> batch = new ArrayList<>();
    batch.add(first);
    long bytes = first.size();
    long deadline = System.nanoTime() + settings.batchTimeout().toNanos();
    while (batch.size() < settings.maxMessageCount()) {
      ByteString next =
          settings.batchTimeout().isZero() ? waiting.peekFirst() : peekUntil(deadline);
      if (next == null || bytes + next.size() > settings.preferredMaxBytes()) {
        break;
      }
      waiting.pollFirst();
      batch.add(next);
      bytes += next.size();
    }
    return batch;
  }

  private ByteString peekUntil(long deadline) throws InterruptedException {
    while (running) {
      ByteString next = waiting.peekFirst();
      long left = deadline - System.nanoTime();
      if (next != null || left <= 0) {
        return next;
      }
      // Wait for an arrival without taking it: take, then put it back at the head.
      ByteString arrived = waiting.pollFirst(left, TimeUnit.NANOSECONDS);
      if (arrived != null) {
        waiting.addFirst(arrived);
      }
    }
    return null;
  }

  /**
   * Stops accepting envelopes, orders and commits those already accepted (for up to 10 s), then
   * stops the thread.
   */
  @Override
  public void close() {
    running = false;
    try {
      cutter.join(TimeUnit.SECONDS.toMillis(10));
      if (cutter.isAlive()) {
        log.warn("channel {}: envelopes still waiting at shutdown are dropped", channelId);
        cutter.interrupt();
        cutter.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
