package dev.weft.peer.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StateKeysTest {

  @Test
  void theKeyOfAValueComesBackFromItsStoredKey() {
    byte[] prefix = StateKeys.namespacePrefix("cc");
    String key = "\u0000color\u0000\uDBFF\uDFFF\u0000";

    assertThat(StateKeys.key(StateKeys.valueKey(prefix, key), prefix.length)).isEqualTo(key);
  }

  @Test
  void theEndOfANamespaceIsAfterAllItsKeysAndBeforeTheNextNamespace() {
    byte[] prefix = StateKeys.namespacePrefix("cc");
    byte[] end = StateKeys.endOfPrefix(prefix);

    assertThat(Arrays.compareUnsigned(StateKeys.valueKey(prefix, "\uDBFF\uDFFF".repeat(3)), end))
        .isNegative();
    assertThat(Arrays.compareUnsigned(end, StateKeys.namespacePrefix("cd"))).isNotPositive();
  }

  @Test
  void theEndOfAPrefixCarriesPastTrailing0xFfBytes() {
    assertThat(StateKeys.endOfPrefix(new byte[] {1, (byte) 0xFF, (byte) 0xFF})).containsExactly(2);
    assertThatThrownBy(() -> StateKeys.endOfPrefix(new byte[] {(byte) 0xFF}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aKeyThatIsNotUnicodeIsRejectedRatherThanStoredAsAnotherKey() {
    // String.getBytes would store both as "a?".
    assertThatThrownBy(() -> StateKeys.valueKey(StateKeys.namespacePrefix("cc"), "a\uD800"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key is not valid Unicode");
    assertThatThrownBy(() -> StateKeys.namespacePrefix("\uDC00"))
        .hasMessageContaining("namespace is not valid Unicode");
  }
}
