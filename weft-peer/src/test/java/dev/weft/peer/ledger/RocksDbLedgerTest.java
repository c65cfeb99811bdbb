package dev.weft.peer.ledger;

import static dev.weft.peer.testing.TestPeer.keys;
import static dev.weft.peer.testing.TestPeer.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import dev.weft.peer.testing.LedgerBlocks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbLedgerTest {

  private static final Timestamp NOW = Timestamp.newBuilder().setSeconds(1_700_000_000).build();

  @TempDir Path directory;

  @Test
  void aReopenedLedgerResumesWithItsStateHeightAndHistory() {
    try (Ledger ledger = Ledger.rocksDb("ch", directory, true)) {
      LedgerBlocks.commit(
          ledger, 1, List.of(new ValidTransaction(0, "t1", NOW, writes("cc", keys("a", "1")))));
      LedgerBlocks.commit(
          ledger,
          2,
          List.of(
              new ValidTransaction(0, "t2", NOW, writes("cc", keys("a", "2", "b", "x"))),
              new ValidTransaction(1, "t3", NOW, writes("cc", keys("b", "")))));
    }

    try (Ledger ledger = Ledger.rocksDb("ch", directory, true);
        TxSimulator sim = ledger.newTxSimulator("t")) {
      assertThat(ledger.height()).contains(new Height(2, 1));
      assertThat(ledger.blocks().nextNumber()).isEqualTo(3);
      assertThat(ledger.containsTransaction("t3")).isTrue();
      assertThat(ledger.blocks().transaction("t3").orElseThrow().txNumber()).isEqualTo(1);
      assertThat(sim.getState("cc", "a").toStringUtf8()).isEqualTo("2");
      assertThat(sim.getState("cc", "b")).isEmpty();
      assertThat(history(sim, "cc", "a"))
          .extracting(KeyModification::getTxId)
          .containsExactly("t2", "t1");
      assertThat(history(sim, "cc", "b"))
          .extracting(KeyModification::getIsDelete)
          .containsExactly(true, false);
    }
  }

  @Test
  void aLedgerFromAnEarlierWeftWithASeparateBlockFileIsRefusedWithWhatToDo() throws Exception {
    java.nio.file.Files.createDirectories(directory.resolve("state"));
    java.nio.file.Files.createFile(directory.resolve("blocks"));
    assertThatThrownBy(() -> Ledger.rocksDb("ch", directory, true))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("written by an earlier Weft")
        .hasMessageContaining("remove that directory");
  }

  @Test
  void withoutHistoryThereIsNoHistoryDatabase() {
    try (Ledger ledger = Ledger.rocksDb("ch", directory, false);
        TxSimulator sim = ledger.newTxSimulator("t")) {
      assertThatThrownBy(() -> sim.history("cc", "a"))
          .hasMessage("history database is not enabled");
    }
  }

  private static List<KeyModification> history(TxSimulator sim, String namespace, String key) {
    List<KeyModification> modifications = new ArrayList<>();
    try (ResultsIterator it = sim.history(namespace, key)) {
      for (var m = it.next(); m != null; m = it.next()) {
        modifications.add((KeyModification) m);
      }
    }
    return modifications;
  }
}
