package dev.weft.peer.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbStateDatabaseTest extends StateDatabaseContract {

  @TempDir Path directory;

  @Override
  StateDatabase open() {
    return RocksDbStateDatabase.open(directory.resolve("state"));
  }

  private void reopen() {
    db.close();
    db = open();
  }

  @Test
  void opensInADirectoryThatDoesNotExistYet() {
    db.close();
    Path nested = directory.resolve("ledgers/mychannel/state");
    db = RocksDbStateDatabase.open(nested);
    assertThat(Files.isDirectory(nested)).isTrue();
    assertThat(db.savepoint()).isEmpty();
  }

  @Test
  void reopeningKeepsTheStateAndTheSavepoint() {
    StateUpdates block1 = new StateUpdates();
    block1.put(
        "cc",
        "k",
        new VersionedValue(
            utf8("v"), VersionedValue.sortedCopy(Map.of("m", utf8("x"))), new Height(1, 2)));
    block1.put("cc", "gone", value(1));
    db.apply(block1, new Height(1, 2));
    StateUpdates block2 = new StateUpdates();
    block2.delete("cc", "gone");
    block2.put("other", "\uDBFF\uDFFF", value(2));
    db.apply(block2, new Height(2, 0));

    reopen();

    assertThat(db.savepoint()).contains(new Height(2, 0));
    try (StateSnapshot s = db.snapshot()) {
      assertThat(s.get("cc", "k"))
          .contains(
              new VersionedValue(
                  utf8("v"), VersionedValue.sortedCopy(Map.of("m", utf8("x"))), new Height(1, 2)));
      assertThat(keys(s.range("cc", "", ""))).containsExactly("k");
      assertThat(keys(s.range("other", "", ""))).containsExactly("\uDBFF\uDFFF");
    }
    assertThatThrownBy(() -> apply(2, "cc", "late")).hasMessageContaining("not after");
  }

  @Test
  void everyWriteOfABlockIsOnDiskOnceApplyReturns() {
    StateUpdates block = new StateUpdates();
    for (int k = 0; k < 50; k++) {
      block.put("ns" + (k % 3), "key" + k, value(7));
    }
    db.apply(block, new Height(7, 49));
    // Close and reopen without anything else in between: nothing may be missing.
    reopen();

    assertThat(db.savepoint()).contains(new Height(7, 49));
    try (StateSnapshot s = db.snapshot()) {
      int total = 0;
      for (int ns = 0; ns < 3; ns++) {
        total += keys(s.range("ns" + ns, "", "")).size();
      }
      assertThat(total).isEqualTo(50);
    }
  }

  @Test
  void aBlockWithAKeyThatCannotBeStoredChangesNothing() {
    apply(1, "cc", "a");
    StateUpdates broken = new StateUpdates();
    broken.put("cc", "b", value(2));
    broken.put("cc", "bad\uD800", value(2)); // an unpaired surrogate is not Unicode
    broken.delete("cc", "a");

    assertThatThrownBy(() -> db.apply(broken, new Height(2, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unpaired surrogate");

    assertThat(db.savepoint()).contains(new Height(1, 0));
    reopen();
    assertThat(db.savepoint()).contains(new Height(1, 0));
    try (StateSnapshot s = db.snapshot()) {
      assertThat(keys(s.range("cc", "", ""))).containsExactly("a");
    }
    apply(2, "cc", "b");
    assertThat(db.savepoint()).contains(new Height(2, 0));
  }

  @Test
  void closingReleasesOpenSnapshotsAndIteratorsWhichThenFailCleanly() {
    apply(1, "cc", "a", "b");
    StateSnapshot snapshot = db.snapshot();
    StateIterator iterator = snapshot.range("cc", "", "");
    assertThat(iterator.next().key()).isEqualTo("a");

    db.close();

    assertThatThrownBy(iterator::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> snapshot.get("cc", "a")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> snapshot.range("cc", "", ""))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(db::snapshot).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> apply(2, "cc", "c")).isInstanceOf(IllegalStateException.class);
    iterator.close();
    snapshot.close();
  }

  @Test
  void closingASnapshotClosesItsIterators() {
    apply(1, "cc", "a", "b");
    StateSnapshot snapshot = db.snapshot();
    StateIterator iterator = snapshot.range("cc", "", "");
    snapshot.close();

    assertThatThrownBy(iterator::next).isInstanceOf(IllegalStateException.class);
    try (StateSnapshot fresh = db.snapshot()) {
      assertThat(keys(fresh.range("cc", "", ""))).containsExactly("a", "b");
    }
  }

  @Test
  void aDatabaseAlreadyOpenCannotBeOpenedTwice() {
    assertThatThrownBy(this::open)
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("cannot open the state database at " + directory.resolve("state"));
  }

  @Test
  void rocksDbOrdersKeysAsKeyOrderDoes() {
    // The premise of the key encoding: RocksDB's default comparator is unsigned byte order,
    // which for UTF-8 is KeyOrder, including supplementary characters and U+0000.
    apply(1, "cc", AWKWARD_KEYS.toArray(String[]::new));
    try (StateSnapshot s = db.snapshot()) {
      assertThat(keys(s.range("cc", "", ""))).isSortedAccordingTo(KeyOrder.INSTANCE);
    }
  }
}
