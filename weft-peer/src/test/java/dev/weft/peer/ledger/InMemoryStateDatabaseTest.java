package dev.weft.peer.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryStateDatabaseTest {

  private final InMemoryStateDatabase db = new InMemoryStateDatabase();

  @Test
  void aRangeIncludesItsStartExcludesItsEndAndAnEmptyEndMeansTheLastKey() {
    put(1, "a", "b", "c", "\u0000obj\u0000x\u0000");
    try (StateSnapshot s = db.snapshot()) {
      assertThat(keys(s.range("ns", "a", "c"))).containsExactly("a", "b");
      assertThat(keys(s.range("ns", "b", ""))).containsExactly("b", "c");
      assertThat(keys(s.range("ns", "", "")))
          .containsExactly("\u0000obj\u0000x\u0000", "a", "b", "c");
      assertThat(keys(s.range("ns", "c", "a"))).isEmpty();
      assertThat(keys(s.range("other", "", ""))).isEmpty();
    }
  }

  @Test
  void aPartialCompositeKeyRangeFindsExactlyItsKeys() {
    String prefix = "\u0000color\u0000blue\u0000";
    put(
        1,
        prefix + "1\u0000",
        prefix + "2\u0000",
        "\u0000color\u0000bluer\u0000",
        "\u0000color\u0000red\u0000");
    try (StateSnapshot s = db.snapshot()) {
      assertThat(keys(s.range("ns", prefix, prefix + "\uDBFF\uDFFF")))
          .containsExactly(prefix + "1\u0000", prefix + "2\u0000");
    }
  }

  @Test
  void aSnapshotDoesNotSeeLaterBlocks() {
    put(1, "a");
    try (StateSnapshot before = db.snapshot()) {
      put(2, "b");
      assertThat(keys(before.range("ns", "", ""))).containsExactly("a");
      assertThat(before.get("ns", "b")).isEmpty();
    }
    assertThat(db.savepoint()).contains(new Height(2, 0));
  }

  @Test
  void savepointsOnlyMoveForward() {
    put(2, "a");
    assertThatThrownBy(() -> put(2, "b")).hasMessageContaining("not after");
  }

  private void put(long block, String... keys) {
    StateUpdates updates = new StateUpdates();
    for (String key : keys) {
      updates.put("ns", key, VersionedValue.of(ByteString.copyFromUtf8("v"), new Height(block, 0)));
    }
    db.apply(updates, new Height(block, 0));
  }

  private static List<String> keys(StateIterator it) {
    List<String> keys = new ArrayList<>();
    for (StateEntry e = it.next(); e != null; e = it.next()) {
      keys.add(e.key());
    }
    return keys;
  }
}
