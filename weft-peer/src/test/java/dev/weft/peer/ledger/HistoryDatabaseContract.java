package dev.weft.peer.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HistoryDatabase} does. A subclass per implementation runs these tests against
 * it.
 */
abstract class HistoryDatabaseContract {

  HistoryDatabase db;

  /** A new, empty database. */
  abstract HistoryDatabase open();

  @BeforeEach
  void openDatabase() {
    db = open();
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  @Test
  void aKeyNeverModifiedHasAnEmptyHistory() {
    db.add(List.of(write("cc", "a", 1, 0, "v")));
    assertThat(db.history("cc", "b")).isEmpty();
    assertThat(db.history("other", "a")).isEmpty();
  }

  @Test
  void historyIsNewestFirstAcrossBlocksAndTransactions() {
    db.add(List.of(write("cc", "k", 1, 3, "b1t3"), write("cc", "k", 1, 0, "b1t0")));
    db.add(List.of(write("cc", "k", 2, 1, "b2t1")));
    db.add(List.of(write("cc", "k", 256, 0, "b256t0"), write("cc", "k", 10, 300, "b10t300")));

    assertThat(db.history("cc", "k"))
        .extracting(e -> e.modification().getValue().toStringUtf8())
        .containsExactly("b256t0", "b10t300", "b2t1", "b1t3", "b1t0");
  }

  @Test
  void anEntryKeepsItsKeyHeightTxIdTimestampAndValue() {
    HistoryEntry written = write("cc", "\u0000color\u0000blue\u0000", 4, 2, "value");
    db.add(List.of(written));

    assertThat(db.history("cc", "\u0000color\u0000blue\u0000")).containsExactly(written);
  }

  @Test
  void aDeleteIsRecordedWithNoValue() {
    HistoryEntry delete =
        new HistoryEntry(
            "cc",
            "k",
            new Height(2, 0),
            KeyModification.newBuilder()
                .setTxId("tx-delete")
                .setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_100))
                .setIsDelete(true)
                .build());
    db.add(List.of(write("cc", "k", 1, 0, "v")));
    db.add(List.of(delete));

    List<HistoryEntry> history = db.history("cc", "k");
    assertThat(history).hasSize(2);
    assertThat(history.get(0)).isEqualTo(delete);
    assertThat(history.get(0).modification().getIsDelete()).isTrue();
    assertThat(history.get(0).modification().getValue()).isEmpty();
  }

  @Test
  void historiesOfDifferentKeysAndNamespacesDoNotMix() {
    // Keys and namespaces that are prefixes of one another, or run into each other without a
    // length or separator, as composite keys (which contain 0x00) would.
    List<String> keys =
        List.of(
            "", "a", "a\u0000", "a\u0000b", "ab", "\u0000a\u0000", "\uDBFF\uDFFF", "k".repeat(300));
    List<String> namespaces = List.of("c", "cc", "cc\u0000a", "cc2");
    long block = 1;
    for (String namespace : namespaces) {
      for (String key : keys) {
        db.add(List.of(write(namespace, key, block++, 0, namespace + "|" + key)));
      }
    }

    for (String namespace : namespaces) {
      for (String key : keys) {
        assertThat(db.history(namespace, key))
            .extracting(e -> e.modification().getValue().toStringUtf8())
            .containsExactly(namespace + "|" + key);
      }
    }
  }

  @Test
  void aHistoryAlreadyReturnedDoesNotChangeWhenMoreIsAdded() {
    db.add(List.of(write("cc", "k", 1, 0, "v1")));
    List<HistoryEntry> before = db.history("cc", "k");
    db.add(List.of(write("cc", "k", 2, 0, "v2")));

    assertThat(before).hasSize(1);
    assertThat(db.history("cc", "k")).hasSize(2);
  }

  @Test
  void addingNothingIsHarmless() {
    db.add(List.of());
    assertThat(db.history("cc", "k")).isEmpty();
  }

  @Test
  void closingTwiceIsHarmless() {
    db.close();
    db.close();
  }

  static HistoryEntry write(String namespace, String key, long block, long tx, String value) {
    return new HistoryEntry(
        namespace,
        key,
        new Height(block, tx),
        KeyModification.newBuilder()
            .setTxId("tx-" + block + "-" + tx)
            .setValue(ByteString.copyFromUtf8(value))
            .setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000 + block).setNanos(7))
            .build());
  }
}
