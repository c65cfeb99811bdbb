package dev.weft.peer.ledger;

import static dev.weft.peer.testing.TestPeer.keys;
import static dev.weft.peer.testing.TestPeer.namespace;
import static dev.weft.peer.testing.TestPeer.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.weft.peer.testing.LedgerBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TxSimulatorTest {

  private final Ledger ledger = Ledger.inMemory("ch", true);

  @BeforeEach
  void commitSomeState() {
    commit(1, writes("cc", keys("a", "1", "b", "2", "c", "3", "d", "4")));
  }

  @Test
  void getStateReturnsTheCommittedValueAndRecordsItsVersion() {
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      assertThat(sim.getState("cc", "b").toStringUtf8()).isEqualTo("2");
      assertThat(namespace(sim.simulationResults(), "cc").getReadsList())
          .containsExactly(read("b", new Height(1, 0)));
    }
  }

  @Test
  void aMissingKeyReadsAsEmptyAndIsRecordedWithoutVersion() {
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      assertThat(sim.getState("cc", "zz")).isEmpty();
      KVRead read = namespace(sim.simulationResults(), "cc").getReads(0);
      assertThat(read.getKey()).isEqualTo("zz");
      assertThat(read.hasVersion()).isFalse();
    }
  }

  @Test
  void aTransactionDoesNotSeeItsOwnWrites() {
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      sim.setState("cc", "a", utf8("new"));
      sim.setState("cc", "fresh", utf8("x"));
      assertThat(sim.getState("cc", "a").toStringUtf8()).isEqualTo("1");
      assertThat(sim.getState("cc", "fresh")).isEmpty();
    }
  }

  @Test
  void writesAreSortedByKeyTheLastWriteWinsAndEmptyMeansDelete() {
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      sim.setState("cc", "z", utf8("first"));
      sim.setState("cc", "m", utf8("m"));
      sim.setState("cc", "z", utf8("second"));
      sim.deleteState("cc", "a");
      sim.setState("cc", "e", ByteString.EMPTY);
      assertThat(namespace(sim.simulationResults(), "cc").getWritesList())
          .containsExactly(
              KVWrite.newBuilder().setKey("a").setIsDelete(true).build(),
              KVWrite.newBuilder().setKey("e").setIsDelete(true).build(),
              KVWrite.newBuilder().setKey("m").setValue(utf8("m")).build(),
              KVWrite.newBuilder().setKey("z").setValue(utf8("second")).build());
    }
  }

  @Test
  void namespacesAreSortedAndATransactionWithNothingRecordedIsEmpty() {
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      sim.getState("zeta", "k");
      sim.getState("alpha", "k");
      TxReadWriteSet rwSet = sim.simulationResults();
      assertThat(rwSet.getNsRwsetList())
          .extracting(ns -> ns.getNamespace())
          .containsExactly("alpha", "zeta");
    }
    try (TxSimulator sim = ledger.newTxSimulator("t2")) {
      assertThat(sim.simulationResults().toByteString()).isEmpty();
    }
  }

  @Test
  void anExhaustedRangeRecordsItsReadsAndTheRequestedEndKey() {
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      List<String> keys = drain(sim.rangeQuery("cc", "b", "d"));
      assertThat(keys).containsExactly("b", "c");
      RangeQueryInfo info = namespace(sim.simulationResults(), "cc").getRangeQueriesInfo(0);
      assertThat(info.getStartKey()).isEqualTo("b");
      assertThat(info.getEndKey()).isEqualTo("d");
      assertThat(info.getItrExhausted()).isTrue();
      assertThat(info.getRawReads().getKvReadsList())
          .containsExactly(read("b", new Height(1, 0)), read("c", new Height(1, 0)));
    }
  }

  @Test
  void aRangeClosedEarlyRecordsTheLastKeyReadAsItsEnd() {
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      ResultsIterator it = sim.rangeQuery("cc", "", "");
      it.next();
      it.next();
      it.close();
      KVRWSet kv = namespace(sim.simulationResults(), "cc");
      RangeQueryInfo info = kv.getRangeQueriesInfo(0);
      assertThat(info.getEndKey()).isEqualTo("b");
      assertThat(info.getItrExhausted()).isFalse();
      assertThat(info.getRawReads().getKvReadsCount()).isEqualTo(2);
      // Range reads are phantom-checked through the range, never as individual reads.
      assertThat(kv.getReadsCount()).isZero();
    }
  }

  @Test
  void identicalRangeQueriesAreRecordedOnceInOpeningOrder() {
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      drain(sim.rangeQuery("cc", "c", ""));
      drain(sim.rangeQuery("cc", "a", "c"));
      drain(sim.rangeQuery("cc", "c", ""));
      assertThat(namespace(sim.simulationResults(), "cc").getRangeQueriesInfoList())
          .extracting(RangeQueryInfo::getStartKey)
          .containsExactly("c", "a");
    }
  }

  @Test
  void aPageStopsAtItsSizeAndItsBookmarkIsTheNextKey() {
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      ResultsIterator page = sim.rangeQueryWithPagination("cc", "a", "", 2);
      assertThat(drainWithoutClose(page)).containsExactly("a", "b");
      assertThat(page.bookmarkAndClose()).isEqualTo("c");
    }
  }

  @Test
  void writingAfterAPaginatedQueryFailsWithFabricsError() {
    try (TxSimulator sim = ledger.newTxSimulator("tx1")) {
      sim.rangeQueryWithPagination("cc", "", "", 1).close();
      assertThatThrownBy(() -> sim.setState("cc", "a", utf8("x")))
          .isInstanceOf(LedgerException.class)
          .hasMessage(
              "txid [tx1]: unsuppored transaction. Transaction has already performed a paginated"
                  + " query. Writes are not allowed");
    }
  }

  @Test
  void aPaginatedQueryAfterAWriteFailsWithFabricsError() {
    try (TxSimulator sim = ledger.newTxSimulator("tx1")) {
      sim.setState("cc", "a", utf8("x"));
      assertThatThrownBy(() -> sim.rangeQueryWithPagination("cc", "", "", 1))
          .isInstanceOf(LedgerException.class)
          .hasMessage(
              "txid [tx1]: unsuppored transaction. Paginated queries are supported only in a"
                  + " read-only transaction");
    }
  }

  @Test
  void metadataWritesAreRecordedWithEntriesSortedByName() {
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      sim.setStateMetadata("cc", "a", Map.of("z", utf8("1"), "VALIDATION_PARAMETER", utf8("p")));
      KVRWSet kv = namespace(sim.simulationResults(), "cc");
      assertThat(kv.getMetadataWrites(0).getEntriesList())
          .extracting(e -> e.getName())
          .containsExactly("VALIDATION_PARAMETER", "z");
      assertThat(sim.hasWrites()).isTrue();
    }
  }

  @Test
  void historyIsNewestFirstWithDeletesAndIsNotRecorded() {
    commit(2, writes("cc", keys("a", "")));
    commit(3, writes("cc", keys("a", "again")));
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      ResultsIterator history = sim.history("cc", "a");
      List<KeyModification> mods = new ArrayList<>();
      for (var m = history.next(); m != null; m = history.next()) {
        mods.add((KeyModification) m);
      }
      assertThat(mods).extracting(KeyModification::getTxId).containsExactly("t3", "t2", "t1");
      assertThat(mods).extracting(KeyModification::getIsDelete).containsExactly(false, true, false);
      assertThat(mods.get(0).getValue().toStringUtf8()).isEqualTo("again");
      assertThat(sim.simulationResults().getNsRwsetCount()).isZero();
    }
  }

  @Test
  void historyFailsWhenTheHistoryDatabaseIsDisabled() {
    Ledger noHistory = Ledger.inMemory("ch", false);
    try (TxSimulator sim = noHistory.newTxSimulator("t")) {
      assertThatThrownBy(() -> sim.history("cc", "a"))
          .hasMessage("history database is not enabled");
    }
  }

  @Test
  void aSimulatorReadsOneSnapshotWhileBlocksCommit() {
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      ResultsIterator range = sim.rangeQuery("cc", "", "");
      commit(2, writes("cc", keys("a", "changed", "aa", "inserted")));
      assertThat(sim.getState("cc", "a").toStringUtf8()).isEqualTo("1");
      assertThat(drain(range)).containsExactly("a", "b", "c", "d");
    }
  }

  @Test
  void aClosedSimulatorRefusesWork() {
    TxSimulator sim = ledger.newTxSimulator("t");
    ResultsIterator range = sim.rangeQuery("cc", "", "");
    sim.close();
    assertThatThrownBy(() -> sim.getState("cc", "a")).hasMessageContaining("has ended");
    assertThatThrownBy(range::next).hasMessageContaining("closed");
  }

  private void commit(long block, TxReadWriteSet rwSet) {
    LedgerBlocks.commit(
        ledger,
        block,
        List.of(
            new ValidTransaction(
                0, "t" + block, Timestamp.newBuilder().setSeconds(block).build(), rwSet)));
  }

  private static List<String> drain(ResultsIterator it) {
    List<String> keys = drainWithoutClose(it);
    it.close();
    return keys;
  }

  private static List<String> drainWithoutClose(ResultsIterator it) {
    List<String> keys = new ArrayList<>();
    for (var kv = it.next(); kv != null; kv = it.next()) {
      keys.add(((KV) kv).getKey());
    }
    return keys;
  }

  private static KVRead read(String key, Height version) {
    return KVRead.newBuilder().setKey(key).setVersion(version.toProto()).build();
  }

  private static ByteString utf8(String s) {
    return ByteString.copyFromUtf8(s);
  }
}
