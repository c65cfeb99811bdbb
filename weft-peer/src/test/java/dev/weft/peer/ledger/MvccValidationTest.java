package dev.weft.peer.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_RWSET;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.MVCC_READ_CONFLICT;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.PHANTOM_READ_CONFLICT;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.VALID;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.weft.peer.testing.LedgerBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.junit.jupiter.api.Test;

/**
 * The ledger's MVCC check at commit, with read-write sets recorded by real simulations: a
 * transaction that read something an earlier transaction (in an earlier block or earlier in the
 * same block) changed is refused and none of its writes are applied.
 */
class MvccValidationTest {

  private static final Timestamp NOW = Timestamp.newBuilder().setSeconds(1_700_000_000).build();
  private final Ledger ledger = Ledger.inMemory("ch", false);
  private long block = 0;

  @Test
  void aTransactionThatReadAKeyWrittenEarlierInTheSameBlockIsAReadConflictAndNotApplied() {
    commitBlock(put("k", "v0"));
    TxReadWriteSet first =
        simulate(sim -> sim.setState("cc", "k", bytes(sim.getState("cc", "k"), "1")));
    TxReadWriteSet second =
        simulate(sim -> sim.setState("cc", "k", bytes(sim.getState("cc", "k"), "2")));

    assertThat(commitBlock(first, second)).containsExactly(VALID, MVCC_READ_CONFLICT);
    assertThat(value("k")).isEqualTo("v01");
  }

  @Test
  void readingAnAbsentKeyConflictsWithItsCreationAndReadingAnUnchangedKeyDoesNot() {
    commitBlock(put("other", "x"));
    TxReadWriteSet readsAbsent = simulate(sim -> sim.getState("cc", "new"));
    TxReadWriteSet readsOther = simulate(sim -> sim.getState("cc", "other"));
    commitBlock(put("new", "created"));

    assertThat(commitBlock(readsAbsent, readsOther)).containsExactly(MVCC_READ_CONFLICT, VALID);
  }

  @Test
  void aKeyAddedInsideAScannedRangeIsAPhantomAndOneAddedOutsideIsNot() {
    commitBlock(put("a1", "x"), put("a3", "x"), put("b1", "x"));
    TxReadWriteSet scansA = simulate(sim -> drain(sim.rangeQuery("cc", "a", "b")));
    TxReadWriteSet scansB = simulate(sim -> drain(sim.rangeQuery("cc", "b", "c")));

    assertThat(commitBlock(put("a2", "inserted"), scansA, scansB))
        .containsExactly(VALID, PHANTOM_READ_CONFLICT, VALID);
  }

  @Test
  void aKeyDeletedOrRewrittenInsideAScannedRangeIsAPhantom() {
    commitBlock(put("a1", "x"), put("a2", "x"));
    TxReadWriteSet scan = simulate(sim -> drain(sim.rangeQuery("cc", "a", "b")));
    TxReadWriteSet scanAgain = simulate(sim -> drain(sim.rangeQuery("cc", "a", "b")));
    commitBlock(put("a1", ""));
    assertThat(commitBlock(scan)).containsExactly(PHANTOM_READ_CONFLICT);
    commitBlock(put("a2", "y"));
    assertThat(commitBlock(scanAgain)).containsExactly(PHANTOM_READ_CONFLICT);
  }

  @Test
  void aScanStoppedEarlyOnlyConflictsWithChangesUpToTheLastKeyItRead() {
    commitBlock(put("a1", "x"), put("a3", "x"), put("a5", "x"));
    TxReadWriteSet readsTwo = simulate(sim -> take(sim.rangeQuery("cc", "a", "b"), 2));
    TxReadWriteSet alsoReadsTwo = simulate(sim -> take(sim.rangeQuery("cc", "a", "b"), 2));

    assertThat(commitBlock(put("a4", "after the last read key"), readsTwo))
        .containsExactly(VALID, VALID);
    assertThat(commitBlock(put("a2", "before it"), alsoReadsTwo))
        .containsExactly(VALID, PHANTOM_READ_CONFLICT);
  }

  @Test
  void aLargeScanRecordedAsMerkleSummaryIsValidatedToo() throws Exception {
    List<TxReadWriteSet> puts = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      puts.add(put(String.format("k%03d", i), "v"));
    }
    commitBlock(puts.toArray(TxReadWriteSet[]::new));
    TxReadWriteSet unchanged = simulate(sim -> drain(sim.rangeQuery("cc", "k", "l")));
    TxReadWriteSet changed = simulate(sim -> drain(sim.rangeQuery("cc", "k", "l")));
    assertThat(
            org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet.parseFrom(
                    unchanged.getNsRwset(0).getRwset())
                .getRangeQueriesInfo(0)
                .hasReadsMerkleHashes())
        .isTrue();

    assertThat(commitBlock(unchanged)).containsExactly(VALID);
    assertThat(commitBlock(put("k077", "rewritten"), changed))
        .containsExactly(VALID, PHANTOM_READ_CONFLICT);
  }

  @Test
  void aReadWriteSetThatDoesNotParseIsBadAndNothingOfItIsApplied() {
    TxReadWriteSet malformed =
        TxReadWriteSet.newBuilder()
            .addNsRwset(put("good", "x").getNsRwset(0))
            .addNsRwset(
                NsReadWriteSet.newBuilder()
                    .setNamespace("zz")
                    .setRwset(ByteString.copyFrom(new byte[] {0x0a, 0x7f})))
            .build();

    assertThat(commitBlock(malformed, put("next", "y"))).containsExactly(BAD_RWSET, VALID);
    assertThat(value("good")).isEmpty();
    assertThat(value("next")).isEqualTo("y");
  }

  private List<org.hyperledger.fabric.protos.peer.TxValidationCode> commitBlock(
      TxReadWriteSet... transactions) {
    block++;
    List<ValidTransaction> txs = new ArrayList<>();
    for (int i = 0; i < transactions.length; i++) {
      txs.add(new ValidTransaction(i, "tx" + block + "-" + i, NOW, transactions[i]));
    }
    return LedgerBlocks.commit(ledger, block, txs);
  }

  private TxReadWriteSet simulate(Consumer<TxSimulator> chaincode) {
    try (TxSimulator sim = ledger.newTxSimulator("sim")) {
      chaincode.accept(sim);
      return sim.simulationResults();
    }
  }

  private TxReadWriteSet put(String key, String value) {
    return simulate(
        sim -> {
          if (value.isEmpty()) {
            sim.deleteState("cc", key);
          } else {
            sim.setState("cc", key, ByteString.copyFromUtf8(value));
          }
        });
  }

  private String value(String key) {
    try (TxSimulator sim = ledger.newTxSimulator("read")) {
      return sim.getState("cc", key).toStringUtf8();
    }
  }

  private static ByteString bytes(ByteString value, String suffix) {
    return value.concat(ByteString.copyFromUtf8(suffix));
  }

  private static void drain(ResultsIterator results) {
    try (results) {
      while (results.next() != null) {
        // read everything: the range is recorded as exhausted
      }
    }
  }

  private static void take(ResultsIterator results, int count) {
    try (results) {
      for (int i = 0; i < count; i++) {
        results.next();
      }
    }
  }
}
