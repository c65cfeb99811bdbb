package dev.weft.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.ledger.StateSnapshot;
import dev.weft.peer.ledger.TxSimulator;
import dev.weft.peer.ledger.ValidTransaction;
import dev.weft.peer.testing.LedgerBlocks;
import dev.weft.peer.testing.TestPeer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * State reads from a RocksDB ledger of {@code keys} committed keys (100-byte values), at random
 * keys: {@code snapshotGet} reads one long-lived snapshot as the committer's key-level checks do;
 * {@code simulatorGetState} reads through a transaction simulator (a fresh snapshot per 100 reads,
 * each read recorded in the read set), as chaincode GET_STATE requests do. Run with {@code -t 2}
 * for both cores.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StateReadBenchmark {

  private static final String NAMESPACE = "cc";
  private static final int KEYS_PER_BLOCK = 1000;

  @Param({"100000"})
  public int keys;

  private Path directory;
  private Ledger ledger;
  private StateSnapshot snapshot;

  @Setup(Level.Trial)
  public void fill() throws IOException {
    directory = Files.createTempDirectory("weft-bench-state");
    ledger = Ledger.rocksDb(BenchMessages.CHANNEL, directory, false);
    String value = "v".repeat(100);
    for (int block = 0; block * KEYS_PER_BLOCK < keys; block++) {
      Map<String, String> writes = new TreeMap<>();
      for (int i = 0; i < KEYS_PER_BLOCK && block * KEYS_PER_BLOCK + i < keys; i++) {
        writes.put(key(block * KEYS_PER_BLOCK + i), value);
      }
      List<ValidTransaction> txs = new ArrayList<>();
      txs.add(
          new ValidTransaction(
              0,
              "fill-" + block,
              Timestamp.getDefaultInstance(),
              TestPeer.writes(NAMESPACE, writes)));
      LedgerBlocks.commit(ledger, block + 1L, txs);
    }
    snapshot = ledger.snapshot();
  }

  /** A simulator per thread, replaced every 100 reads. */
  @State(Scope.Thread)
  public static class Simulation {
    TxSimulator simulator;
    int reads;

    TxSimulator next(Ledger ledger) {
      if (simulator == null || ++reads == 100) {
        if (simulator != null) {
          simulator.close();
        }
        simulator = ledger.newTxSimulator("read");
        reads = 0;
      }
      return simulator;
    }

    @TearDown(Level.Trial)
    public void close() {
      if (simulator != null) {
        simulator.close();
      }
    }
  }

  @Benchmark
  public Object snapshotGet() {
    return snapshot.get(NAMESPACE, randomKey()).orElseThrow();
  }

  @Benchmark
  public ByteString simulatorGetState(Simulation simulation) {
    return simulation.next(ledger).getState(NAMESPACE, randomKey());
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    snapshot.close();
    ledger.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(StateReadBenchmark::delete);
    }
  }

  private String randomKey() {
    return key(ThreadLocalRandom.current().nextInt(keys));
  }

  private static String key(int n) {
    return "asset" + n;
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
