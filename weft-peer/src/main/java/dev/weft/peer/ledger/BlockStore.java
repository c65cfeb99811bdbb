package dev.weft.peer.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel's blocks, appended durably to one file as Fabric's block files hold them: each block
 * marshalled whole, here framed by its length and a CRC-32C. Every append is forced to disk before
 * it returns. Opening the file reads it through, builds the index (block number → position, txid →
 * block, transaction and validation code) and cuts off a last record that a crash left incomplete.
 */
public final class BlockStore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BlockStore.class);
  private static final int FRAME = 8; // length + CRC-32C

  /**
   * Where a transaction is.
   *
   * @param blockNumber its block
   * @param txNumber its index in the block
   * @param validationCode its validation code from the block's TRANSACTIONS_FILTER
   */
  public record TransactionLocation(
      long blockNumber, int txNumber, TxValidationCode validationCode) {}

  private final Path file;
  private final FileChannel channel;
  private final List<Long> positions = new ArrayList<>(); // of block first + i
  private final ConcurrentHashMap<String, TransactionLocation> transactions =
      new ConcurrentHashMap<>();
  private long firstNumber = -1;
  private long end;

  private BlockStore(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Opens (creating if needed) the block file and indexes it. */
  public static BlockStore open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      BlockStore store = new BlockStore(file, channel);
      store.load();
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the block file " + file, e);
    }
  }

  private void load() throws IOException {
    long size = channel.size();
    long position = 0;
    while (position + FRAME <= size) {
      ByteBuffer frame = ByteBuffer.allocate(FRAME);
      read(frame, position);
      int length = frame.getInt(0);
      int crc = frame.getInt(4);
      if (length < 0 || position + FRAME + length > size) {
        break;
      }
      ByteBuffer bytes = ByteBuffer.allocate(length);
      read(bytes, position + FRAME);
      if (crc32c(bytes.array()) != crc) {
        break;
      }
      Block block;
      try {
        block = Block.parseFrom(bytes.array());
      } catch (InvalidProtocolBufferException e) {
        break;
      }
      if (firstNumber >= 0 && block.getHeader().getNumber() != nextNumber()) {
        break;
      }
      index(block, position);
      position += FRAME + length;
    }
    if (position < size) {
      log.warn(
          "block file {}: {} bytes after block {} are not a whole block (an interrupted append);"
              + " cutting them off",
          file,
          size - position,
          nextNumber() - 1);
      channel.truncate(position);
      channel.force(true);
    }
    end = position;
  }

  /**
   * Appends the next block durably: its number must follow the last one's. Returns once the block
   * is on disk.
   */
  public synchronized void append(Block block) {
    if (firstNumber >= 0 && block.getHeader().getNumber() != nextNumber()) {
      throw new LedgerException(
          "block "
              + block.getHeader().getNumber()
              + " does not follow block "
              + (nextNumber() - 1)
              + " in "
              + file);
    }
    byte[] bytes = block.toByteArray();
    ByteBuffer record = ByteBuffer.allocate(FRAME + bytes.length);
    record.putInt(bytes.length).putInt(crc32c(bytes)).put(bytes).flip();
    try {
      long position = end;
      while (record.hasRemaining()) {
        position += channel.write(record, position);
      }
      channel.force(false);
      index(block, end);
      end = position;
      notifyAll(); // wake Deliver streams waiting for this block
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append block to " + file, e);
    }
  }

  /** The number the next block must have; 0 while the store is empty and has no first block. */
  public synchronized long nextNumber() {
    return firstNumber < 0 ? 0 : firstNumber + positions.size();
  }

  /**
   * Waits until block {@code number} is stored or {@code timeoutMillis} pass; returns whether it is
   * stored.
   */
  public synchronized boolean awaitBlock(long number, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (nextNumber() <= number) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  /** The number of the first stored block, or -1 while the store is empty. */
  public synchronized long firstNumber() {
    return firstNumber;
  }

  /** The last block, if any. */
  public synchronized Optional<Block> lastBlock() {
    return positions.isEmpty() ? Optional.empty() : block(nextNumber() - 1);
  }

  /** A stored block by number. */
  public synchronized Optional<Block> block(long number) {
    if (firstNumber < 0 || number < firstNumber || number >= nextNumber()) {
      return Optional.empty();
    }
    long position = positions.get((int) (number - firstNumber));
    try {
      ByteBuffer frame = ByteBuffer.allocate(FRAME);
      read(frame, position);
      ByteBuffer bytes = ByteBuffer.allocate(frame.getInt(0));
      read(bytes, position + FRAME);
      return Optional.of(Block.parseFrom(bytes.array()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read block " + number + " from " + file, e);
    }
  }

  /** Where a transaction id was committed (valid or not), if it was. */
  public Optional<TransactionLocation> transaction(String txId) {
    return Optional.ofNullable(transactions.get(txId));
  }

  private void index(Block block, long position) {
    if (firstNumber < 0) {
      firstNumber = block.getHeader().getNumber();
    }
    positions.add(position);
    byte[] filter =
        block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
            ? block
                .getMetadata()
                .getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                .toByteArray()
            : new byte[0];
    for (int i = 0; i < block.getData().getDataCount(); i++) {
      String txId = TransactionIds.of(block.getData().getData(i));
      if (txId.isEmpty()) {
        continue;
      }
      TxValidationCode code =
          i < filter.length ? TxValidationCode.forNumber(filter[i] & 0xff) : null;
      // The first occurrence keeps the id, as Fabric's index keeps it.
      transactions.putIfAbsent(
          txId,
          new TransactionLocation(
              block.getHeader().getNumber(),
              i,
              code == null ? TxValidationCode.INVALID_OTHER_REASON : code));
    }
  }

  private void read(ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        throw new IOException("unexpected end of " + file);
      }
    }
  }

  private static int crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return (int) crc.getValue();
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      log.warn("closing {}: {}", file, e.toString());
    }
  }
}
