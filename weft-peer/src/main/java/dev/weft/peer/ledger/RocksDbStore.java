package dev.weft.peer.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open RocksDB database with the options it was opened with; writes are durable (synced to
 * disk) before they return.
 */
final class RocksDbStore extends NativeResource {

  /** A use of the open database. */
  interface DatabaseCall<T> {
    T run(RocksDB db) throws RocksDBException;
  }

  private static final Logger log = LoggerFactory.getLogger(RocksDbStore.class);

  private final Options options;
  private final WriteOptions durableWrites;
  private final RocksDB db;

  private RocksDbStore(
      String description, Options options, WriteOptions durableWrites, RocksDB db) {
    super(description);
    this.options = options;
    this.durableWrites = durableWrites;
    this.db = db;
  }

  /**
   * Opens the database in {@code directory}, creating it (and the directory) if missing.
   *
   * @param what what the database is, for messages ("state database")
   */
  static RocksDbStore open(String what, Path directory) {
    String description = what + " at " + directory;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of the " + description, e);
    }
    RocksDB.loadLibrary();
    Options options = new Options().setCreateIfMissing(true);
    WriteOptions durableWrites = new WriteOptions().setSync(true);
    try {
      RocksDB db = RocksDB.open(options, directory.toString());
      return new RocksDbStore(description, options, durableWrites, db);
    } catch (RocksDBException | RuntimeException e) {
      durableWrites.close();
      options.close();
      throw new LedgerException("cannot open the " + description + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code call} on the database while it is open. */
  <T> T withDatabase(String operation, DatabaseCall<T> call) {
    return whileOpen(operation, () -> call.run(db));
  }

  /** Writes the whole batch or nothing, and returns once it is on disk. */
  void writeDurably(String operation, WriteBatch batch) {
    withDatabase(
        operation,
        open -> {
          open.write(durableWrites, batch);
          return null;
        });
  }

  @Override
  void release() {
    try {
      db.closeE();
    } catch (RocksDBException e) {
      // Every write was synced when it returned, so nothing is lost; say so and move on.
      log.warn("closing the {} failed: {}", description(), e.getMessage());
    } finally {
      durableWrites.close();
      options.close();
    }
  }
}
