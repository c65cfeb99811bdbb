package dev.weft.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeKeyTest {

  @Test
  void aCompositeKeyIsEncodedWithNulSeparatorsAsInFabric() {
    assertThat(new CompositeKey("asset", "blue", "car1").toString())
        .isEqualTo("\u0000asset\u0000blue\u0000car1\u0000");
    assertThat(new CompositeKey("asset").toString()).isEqualTo("\u0000asset\u0000");
  }

  @Test
  void splittingReturnsTheObjectTypeAndAttributes() {
    CompositeKey key = CompositeKey.parse("\u0000asset\u0000blue\u0000\u0000car1\u0000");
    assertThat(key.objectType()).isEqualTo("asset");
    assertThat(key.attributes()).isEqualTo(List.of("blue", "", "car1"));
  }

  @Test
  void nulAndTheLargestCodePointAreRefusedInParts() {
    assertThatThrownBy(() -> new CompositeKey("a\u0000b"))
        .hasMessageContaining("U+0000 starting at position [1]");
    assertThatThrownBy(() -> new CompositeKey("asset", "x\uDBFF\uDFFF"))
        .hasMessageContaining("U+10FFFF");
  }

  @Test
  void aSimpleKeyIsNotACompositeKey() {
    assertThatThrownBy(() -> CompositeKey.parse("plain")).hasMessageContaining("not a composite");
  }
}
