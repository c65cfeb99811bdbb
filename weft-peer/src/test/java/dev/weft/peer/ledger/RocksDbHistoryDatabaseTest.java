package dev.weft.peer.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbHistoryDatabaseTest extends HistoryDatabaseContract {

  @TempDir Path directory;

  @Override
  HistoryDatabase open() {
    return RocksDbHistoryDatabase.open(directory.resolve("history"));
  }

  @Test
  void reopeningKeepsEveryHistory() {
    HistoryEntry first = write("cc", "k", 1, 0, "v1");
    HistoryEntry second = write("cc", "k", 2, 5, "v2");
    HistoryEntry other = write("cc", "other", 2, 5, "x");
    db.add(List.of(first));
    db.add(List.of(second, other));

    db.close();
    db = open();

    assertThat(db.history("cc", "k")).containsExactly(second, first);
    assertThat(db.history("cc", "other")).containsExactly(other);
  }

  @Test
  void aBlockWithAKeyThatCannotBeStoredAddsNothing() {
    assertThatThrownBy(
            () ->
                db.add(
                    List.of(write("cc", "good", 1, 0, "v"), write("cc", "bad\uDC00", 1, 1, "v"))))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(db.history("cc", "good")).isEmpty();
  }

  @Test
  void usingTheDatabaseAfterCloseFailsCleanly() {
    db.close();

    assertThatThrownBy(() -> db.history("cc", "k"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("history database at");
    assertThatThrownBy(() -> db.add(List.of(write("cc", "k", 1, 0, "v"))))
        .isInstanceOf(IllegalStateException.class);
  }
}
