package dev.weft.peer.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StateDatabase} does. A subclass per implementation runs these tests against it.
 */
abstract class StateDatabaseContract {

  /** Keys whose Fabric order (unsigned UTF-8 bytes) differs from Java's UTF-16 String order. */
  static final List<String> AWKWARD_KEYS =
      List.of(
          "",
          "\u0000",
          "\u0000\u0000",
          "\u0000color\u0000blue\u0000",
          "\u0000\uDBFF\uDFFFinitialized",
          "\u007F",
          "\u0080",
          "\u00FF", // ÿ: C3 BF, not a 0xFF byte (UTF-8 has none)
          "a",
          "a\u0000",
          "a\u0000b",
          "ab",
          "\uFFFD",
          "\uFFFF",
          "\uD800\uDC00", // U+10000, the first supplementary character
          "\uD83D\uDE00", // U+1F600
          "\uDBFF\uDFFF", // U+10FFFF, the end of every partial composite key range
          "\uDBFF\uDFFF\uDBFF\uDFFF");

  StateDatabase db;

  /** A new, empty database. */
  abstract StateDatabase open();

  @BeforeEach
  void openDatabase() {
    db = open();
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  @Test
  void getReturnsTheAppliedValueWithItsVersionAndMetadata() {
    ByteString allBytes = ByteString.copyFrom(everyByte());
    StateUpdates updates = new StateUpdates();
    updates.put(
        "cc",
        "k",
        new VersionedValue(
            allBytes,
            VersionedValue.sortedCopy(
                Map.of(
                    "VALIDATION_PARAMETER", utf8("policy"),
                    "\uD83D\uDE00", ByteString.copyFrom(new byte[] {0, (byte) 0xFF}),
                    "\uFFFD", ByteString.EMPTY)),
            new Height(3, 7)));
    db.apply(updates, new Height(3, 9));

    try (StateSnapshot s = db.snapshot()) {
      VersionedValue value = s.get("cc", "k").orElseThrow();
      assertThat(value.value()).isEqualTo(allBytes);
      assertThat(value.version()).isEqualTo(new Height(3, 7));
      assertThat(value.metadata().keySet())
          .containsExactly("VALIDATION_PARAMETER", "\uFFFD", "\uD83D\uDE00");
      assertThat(value.metadata().get("\uD83D\uDE00"))
          .isEqualTo(ByteString.copyFrom(new byte[] {0, (byte) 0xFF}));
      assertThat(value.metadata().get("\uFFFD")).isEmpty();
    }
  }

  @Test
  void aKeyNeverWrittenIsAbsent() {
    apply(1, "cc", "a");
    try (StateSnapshot s = db.snapshot()) {
      assertThat(s.get("cc", "b")).isEmpty();
      assertThat(s.get("other", "a")).isEmpty();
    }
  }

  @Test
  void aLaterBlockReplacesTheValueAndItsVersion() {
    apply(1, "cc", "k");
    StateUpdates updates = new StateUpdates();
    updates.put("cc", "k", VersionedValue.of(utf8("second"), new Height(2, 4)));
    db.apply(updates, new Height(2, 4));

    try (StateSnapshot s = db.snapshot()) {
      assertThat(s.get("cc", "k")).contains(VersionedValue.of(utf8("second"), new Height(2, 4)));
    }
  }

  @Test
  void aDeleteRemovesTheKeyAndItsMetadata() {
    StateUpdates first = new StateUpdates();
    first.put(
        "cc",
        "k",
        new VersionedValue(
            utf8("v"), VersionedValue.sortedCopy(Map.of("m", utf8("x"))), new Height(1, 0)));
    first.put("cc", "kept", VersionedValue.of(utf8("v"), new Height(1, 0)));
    db.apply(first, new Height(1, 0));
    StateUpdates delete = new StateUpdates();
    delete.delete("cc", "k");
    delete.delete("cc", "never-existed");
    db.apply(delete, new Height(2, 0));

    try (StateSnapshot s = db.snapshot()) {
      assertThat(s.get("cc", "k")).isEmpty();
      assertThat(keys(s.range("cc", "", ""))).containsExactly("kept");
    }
    apply(3, "cc", "k");
    try (StateSnapshot s = db.snapshot()) {
      assertThat(s.get("cc", "k").orElseThrow().metadata()).isEmpty();
    }
  }

  @Test
  void rangeReturnsKeysInFabricsByteOrderNotJavasStringOrder() {
    List<String> shuffled = new ArrayList<>(AWKWARD_KEYS);
    Collections.reverse(shuffled);
    apply(1, "cc", shuffled.toArray(String[]::new));

    List<String> byUtf8Bytes = new ArrayList<>(AWKWARD_KEYS);
    byUtf8Bytes.sort((a, b) -> Arrays.compareUnsigned(utf8Bytes(a), utf8Bytes(b)));
    List<String> byJavaString = new ArrayList<>(AWKWARD_KEYS);
    byJavaString.sort(String::compareTo);
    assertThat(byUtf8Bytes).as("the keys tell the two orders apart").isNotEqualTo(byJavaString);

    try (StateSnapshot s = db.snapshot()) {
      assertThat(keys(s.range("cc", "", ""))).isEqualTo(byUtf8Bytes);
    }
  }

  @Test
  void everyRangeBetweenTwoAwkwardKeysHoldsExactlyTheKeysBetweenThem() {
    apply(1, "cc", AWKWARD_KEYS.toArray(String[]::new));
    List<String> sorted = new ArrayList<>(AWKWARD_KEYS);
    sorted.sort(KeyOrder.INSTANCE);
    try (StateSnapshot s = db.snapshot()) {
      for (int from = 0; from < sorted.size(); from++) {
        for (int to = from + 1; to < sorted.size(); to++) {
          assertThat(keys(s.range("cc", sorted.get(from), sorted.get(to))))
              .as("[%s, %s)", escape(sorted.get(from)), escape(sorted.get(to)))
              .isEqualTo(sorted.subList(from, to));
        }
      }
    }
  }

  @Test
  void aRangeIncludesItsStartExcludesItsEndAndEmptyBoundsMeanTheEdges() {
    apply(1, "cc", "a", "b", "c", "\u0000obj\u0000x\u0000");
    try (StateSnapshot s = db.snapshot()) {
      assertThat(keys(s.range("cc", "a", "c"))).containsExactly("a", "b");
      assertThat(keys(s.range("cc", "b", ""))).containsExactly("b", "c");
      assertThat(keys(s.range("cc", "", "b"))).containsExactly("\u0000obj\u0000x\u0000", "a");
      assertThat(keys(s.range("cc", "", "")))
          .containsExactly("\u0000obj\u0000x\u0000", "a", "b", "c");
      assertThat(keys(s.range("cc", "aa", "bb"))).containsExactly("b");
    }
  }

  @Test
  void aRangeWhoseStartIsNotBeforeItsEndIsEmpty() {
    apply(1, "cc", "a", "b", "c");
    try (StateSnapshot s = db.snapshot()) {
      assertThat(keys(s.range("cc", "c", "a"))).isEmpty();
      assertThat(keys(s.range("cc", "b", "b"))).isEmpty();
      assertThat(keys(s.range("empty", "", ""))).isEmpty();
    }
  }

  @Test
  void aRangeReturnsValuesAndVersionsAndStaysExhausted() {
    StateUpdates updates = new StateUpdates();
    updates.put(
        "cc",
        "a",
        new VersionedValue(
            utf8("1"), VersionedValue.sortedCopy(Map.of("m", utf8("x"))), new Height(1, 0)));
    updates.put("cc", "b", VersionedValue.of(utf8("2"), new Height(1, 1)));
    db.apply(updates, new Height(1, 1));
    try (StateSnapshot s = db.snapshot();
        StateIterator it = s.range("cc", "", "")) {
      assertThat(it.next())
          .isEqualTo(
              new StateEntry(
                  "a",
                  new VersionedValue(
                      utf8("1"),
                      VersionedValue.sortedCopy(Map.of("m", utf8("x"))),
                      new Height(1, 0))));
      assertThat(it.next())
          .isEqualTo(new StateEntry("b", VersionedValue.of(utf8("2"), new Height(1, 1))));
      assertThat(it.next()).isNull();
      assertThat(it.next()).isNull();
    }
  }

  @Test
  void aPartialCompositeKeyRangeFindsExactlyItsKeys() {
    String prefix = "\u0000color\u0000blue\u0000";
    apply(
        1,
        "cc",
        prefix + "1\u0000",
        prefix + "\uFFFD\u0000",
        prefix + "\uD83D\uDE00\u0000",
        "\u0000color\u0000bluer\u0000",
        "\u0000color\u0000blu\u0000",
        "\u0000color\u0000red\u0000",
        "color");
    try (StateSnapshot s = db.snapshot()) {
      assertThat(keys(s.range("cc", prefix, prefix + "\uDBFF\uDFFF")))
          .containsExactly(
              prefix + "1\u0000", prefix + "\uFFFD\u0000", prefix + "\uD83D\uDE00\u0000");
      assertThat(keys(s.range("cc", "\u0000", "\u0000\uDBFF\uDFFF"))).hasSize(6);
    }
  }

  @Test
  void namespacesDoNotSeeEachOthersKeys() {
    // Names that would run into each other if a namespace did not end unambiguously.
    List<String> namespaces =
        List.of("", "c", "cc", "cc2", "cc\u0000", "cc\u0000k", "\uDBFF\uDFFF", "n".repeat(200));
    StateUpdates updates = new StateUpdates();
    for (String namespace : namespaces) {
      updates.put(namespace, "k", VersionedValue.of(utf8("in " + namespace), new Height(1, 0)));
      updates.put(
          namespace, "\u0000k", VersionedValue.of(utf8("in " + namespace), new Height(1, 0)));
    }
    db.apply(updates, new Height(1, 0));

    try (StateSnapshot s = db.snapshot()) {
      for (String namespace : namespaces) {
        assertThat(keys(s.range(namespace, "", "")))
            .as("keys of namespace %s", escape(namespace))
            .containsExactly("\u0000k", "k");
        assertThat(s.get(namespace, "k").orElseThrow().value()).isEqualTo(utf8("in " + namespace));
      }
      assertThat(s.get("cc", "2k")).isEmpty();
      assertThat(s.get("cc", "\u0000k\u0000k")).isEmpty();
      assertThat(s.get("cc2", "")).isEmpty();
    }
  }

  @Test
  void theSavepointIsEmptyBeforeTheFirstBlockThenTheLastAppliedHeight() {
    assertThat(db.savepoint()).isEmpty();
    db.apply(new StateUpdates(), new Height(0, 0));
    assertThat(db.savepoint()).contains(new Height(0, 0));
    apply(1, "cc", "a");
    db.apply(new StateUpdates(), new Height(2, 5));
    assertThat(db.savepoint()).contains(new Height(2, 5));
  }

  @Test
  void aBlockWhoseSavepointIsNotAfterTheLastChangesNothing() {
    apply(2, "cc", "a");
    StateUpdates stale = new StateUpdates();
    stale.put("cc", "b", VersionedValue.of(utf8("v"), new Height(2, 0)));
    stale.delete("cc", "a");

    assertThatThrownBy(() -> db.apply(stale, new Height(2, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not after");
    assertThatThrownBy(() -> db.apply(stale, new Height(1, 9))).hasMessageContaining("not after");

    assertThat(db.savepoint()).contains(new Height(2, 0));
    try (StateSnapshot s = db.snapshot()) {
      assertThat(keys(s.range("cc", "", ""))).containsExactly("a");
    }
  }

  @Test
  void aBlockIsAppliedWholeAcrossNamespacesWithItsSavepoint() {
    apply(1, "cc", "gone", "stays");
    StateUpdates block = new StateUpdates();
    block.put("cc", "new", VersionedValue.of(utf8("v"), new Height(2, 0)));
    block.delete("cc", "gone");
    block.put("_lifecycle", "namespaces/fields/cc/Sequence", value(2));
    block.put("other", "k", value(2));
    db.apply(block, new Height(2, 3));

    assertThat(db.savepoint()).contains(new Height(2, 3));
    try (StateSnapshot s = db.snapshot()) {
      assertThat(keys(s.range("cc", "", ""))).containsExactly("new", "stays");
      assertThat(s.get("_lifecycle", "namespaces/fields/cc/Sequence")).isPresent();
      assertThat(s.get("other", "k")).isPresent();
    }
  }

  @Test
  void aSnapshotKeepsSeeingItsStateWhileLaterBlocksAreApplied() {
    apply(1, "cc", "a", "b", "c");
    try (StateSnapshot before = db.snapshot();
        StateIterator openedBefore = before.range("cc", "", "")) {
      assertThat(openedBefore.next().key()).isEqualTo("a");

      StateUpdates block2 = new StateUpdates();
      block2.put("cc", "a", VersionedValue.of(utf8("changed"), new Height(2, 0)));
      block2.delete("cc", "b");
      block2.put("cc", "bb", value(2));
      block2.put("cc", "d", value(2));
      db.apply(block2, new Height(2, 0));

      assertThat(before.get("cc", "a")).contains(value(1));
      assertThat(before.get("cc", "b")).contains(value(1));
      assertThat(before.get("cc", "d")).isEmpty();
      assertThat(entries(before.range("cc", "", "")))
          .containsExactly(
              new StateEntry("a", value(1)),
              new StateEntry("b", value(1)),
              new StateEntry("c", value(1)));
      assertThat(keys(openedBefore)).containsExactly("b", "c");

      try (StateSnapshot after = db.snapshot()) {
        assertThat(after.get("cc", "a").orElseThrow().value()).isEqualTo(utf8("changed"));
        assertThat(keys(after.range("cc", "", ""))).containsExactly("a", "bb", "c", "d");
      }
    }
  }

  @Test
  void concurrentReadersSeeWholeBlocksOnlyWhileBlocksAreApplied() throws Exception {
    // Every block rewrites all keys with its own version: a reader that saw part of a block would
    // find two versions in one scan.
    int keyCount = 20;
    int blocks = 25;
    applyAllKeys(1, keyCount);
    AtomicBoolean applying = new AtomicBoolean(true);
    ExecutorService readers = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> scans = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        scans.add(
            readers.submit(
                () -> {
                  int count = 0;
                  do {
                    try (StateSnapshot s = db.snapshot()) {
                      List<StateEntry> all = entries(s.range("cc", "", ""));
                      assertThat(all).hasSize(keyCount);
                      assertThat(all.stream().map(e -> e.value().version()).distinct()).hasSize(1);
                      Height version = all.get(0).value().version();
                      assertThat(s.get("cc", "k00")).contains(value(version.blockNum()));
                      count++;
                    }
                  } while (applying.get() || count == 0);
                  return count;
                }));
      }
      for (long block = 2; block <= blocks; block++) {
        applyAllKeys(block, keyCount);
      }
      applying.set(false);
      for (Future<Integer> scan : scans) {
        assertThat(scan.get(30, TimeUnit.SECONDS)).isPositive();
      }
    } finally {
      applying.set(false);
      readers.shutdownNow();
    }
    assertThat(db.savepoint()).contains(new Height(blocks, 0));
  }

  @Test
  void closingTwiceIsHarmless() {
    apply(1, "cc", "a");
    StateSnapshot open = db.snapshot();
    open.close();
    open.close();
    db.close();
    db.close();
  }

  // --- helpers

  void apply(long block, String namespace, String... keys) {
    StateUpdates updates = new StateUpdates();
    for (String key : keys) {
      updates.put(namespace, key, value(block));
    }
    db.apply(updates, new Height(block, 0));
  }

  private void applyAllKeys(long block, int keyCount) {
    StateUpdates updates = new StateUpdates();
    for (int k = 0; k < keyCount; k++) {
      updates.put("cc", String.format("k%02d", k), value(block));
    }
    db.apply(updates, new Height(block, 0));
  }

  static VersionedValue value(long block) {
    return VersionedValue.of(utf8("v" + block), new Height(block, 0));
  }

  static ByteString utf8(String text) {
    return ByteString.copyFromUtf8(text);
  }

  static List<String> keys(StateIterator it) {
    return entries(it).stream().map(StateEntry::key).toList();
  }

  static List<StateEntry> entries(StateIterator it) {
    try (it) {
      List<StateEntry> entries = new ArrayList<>();
      for (StateEntry e = it.next(); e != null; e = it.next()) {
        entries.add(e);
      }
      return entries;
    }
  }

  private static byte[] everyByte() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  private static byte[] utf8Bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String escape(String text) {
    StringBuilder escaped = new StringBuilder("\"");
    text.codePoints()
        .forEach(
            cp -> {
              if (cp < 0x20 || cp > 0x7E) {
                escaped.append(String.format("\\u{%X}", cp));
              } else {
                escaped.appendCodePoint(cp);
              }
            });
    return escaped.append('"').toString();
  }
}
