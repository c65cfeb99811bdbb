package dev.weft.peer.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open RocksDB database, its column families and the options it was opened with; writes are
 * durable (synced to disk) before they return, and a batch spanning several column families is
 * written whole or not at all.
 */
final class RocksDbStore extends NativeResource {

  /** A use of the open database. */
  interface DatabaseCall<T> {
    T run(RocksDB db) throws RocksDBException;
  }

  /** Fills a write batch. */
  interface BatchFiller {
    void fill(WriteBatch batch) throws RocksDBException;
  }

  /**
   * A column family to open.
   *
   * @param name its name
   * @param largeValues whether its values are large (blocks): they are then kept in blob files, so
   *     that compactions move only keys and references and never rewrite the values
   */
  record Family(String name, boolean largeValues) {}

  private static final Logger log = LoggerFactory.getLogger(RocksDbStore.class);
  private static final long LARGE_VALUE_BYTES = 4096;
  private static final double BLOOM_BITS_PER_KEY = 10;

  private final DBOptions options;
  private final List<ColumnFamilyOptions> familyOptions;
  private final BloomFilter bloomFilter;
  private final WriteOptions durableWrites;
  private final RocksDB db;
  private final Map<String, ColumnFamilyHandle> families;

  private RocksDbStore(
      String description,
      DBOptions options,
      List<ColumnFamilyOptions> familyOptions,
      BloomFilter bloomFilter,
      WriteOptions durableWrites,
      RocksDB db,
      Map<String, ColumnFamilyHandle> families) {
    super(description);
    this.options = options;
    this.familyOptions = familyOptions;
    this.bloomFilter = bloomFilter;
    this.durableWrites = durableWrites;
    this.db = db;
    this.families = Map.copyOf(families);
  }

  /**
   * Opens the database in {@code directory} with the given column families besides the default one,
   * creating the directory, the database and missing families as needed.
   *
   * @param what what the database is, for messages ("ledger of channel mychannel")
   */
  static RocksDbStore open(String what, Path directory, List<Family> families) {
    String description = what + " at " + directory;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory of the " + description, e);
    }
    RocksDB.loadLibrary();
    DBOptions options =
        new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
    List<ColumnFamilyOptions> familyOptions = new ArrayList<>();
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    ColumnFamilyOptions defaults = new ColumnFamilyOptions();
    familyOptions.add(defaults);
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, defaults));
    // Most point reads miss (a new txid, a key not yet written): a Bloom filter per table file
    // answers those without reading the file.
    BloomFilter bloomFilter = new BloomFilter(BLOOM_BITS_PER_KEY);
    for (Family family : families) {
      ColumnFamilyOptions familyOption =
          new ColumnFamilyOptions()
              .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(bloomFilter));
      if (family.largeValues()) {
        familyOption.setEnableBlobFiles(true).setMinBlobSize(LARGE_VALUE_BYTES);
      }
      familyOptions.add(familyOption);
      descriptors.add(
          new ColumnFamilyDescriptor(Utf8.encode(family.name(), "family"), familyOption));
    }
    WriteOptions durableWrites = new WriteOptions().setSync(true);
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      RocksDB db = RocksDB.open(options, directory.toString(), descriptors, handles);
      Map<String, ColumnFamilyHandle> byName = new HashMap<>();
      for (int i = 0; i < families.size(); i++) {
        byName.put(families.get(i).name(), handles.get(i + 1));
      }
      handles.get(0).close(); // the default family is not used
      return new RocksDbStore(
          description, options, familyOptions, bloomFilter, durableWrites, db, byName);
    } catch (RocksDBException | RuntimeException e) {
      handles.forEach(ColumnFamilyHandle::close);
      durableWrites.close();
      familyOptions.forEach(ColumnFamilyOptions::close);
      bloomFilter.close();
      options.close();
      throw new LedgerException("cannot open the " + description + ": " + e.getMessage(), e);
    }
  }

  /** The handle of a column family this store was opened with. */
  ColumnFamilyHandle family(String name) {
    ColumnFamilyHandle handle = families.get(name);
    if (handle == null) {
      throw new IllegalArgumentException(description() + " has no column family " + name);
    }
    return handle;
  }

  /** Runs {@code call} on the database while it is open. */
  <T> T withDatabase(String operation, DatabaseCall<T> call) {
    return whileOpen(operation, () -> call.run(db));
  }

  /**
   * Fills a batch and writes all of it or nothing; returns once it is on disk. The batch is filled
   * while the database is open (it refers to column family handles that closing releases).
   */
  void writeDurably(String operation, BatchFiller filler) {
    withDatabase(
        operation,
        open -> {
          try (WriteBatch batch = new WriteBatch()) {
            filler.fill(batch);
            open.write(durableWrites, batch);
          }
          return null;
        });
  }

  @Override
  void release() {
    families.values().forEach(ColumnFamilyHandle::close);
    try {
      db.closeE();
    } catch (RocksDBException e) {
      // Every write was synced when it returned, so nothing is lost; say so and move on.
      log.warn("closing the {} failed: {}", description(), e.getMessage());
    } finally {
      durableWrites.close();
      familyOptions.forEach(ColumnFamilyOptions::close);
      bloomFilter.close();
      options.close();
    }
  }
}
