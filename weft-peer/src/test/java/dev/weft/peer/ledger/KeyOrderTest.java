package dev.weft.peer.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

  @Test
  void ordersKeysByTheirUtf8BytesLikeFabric() {
    List<String> keys =
        new ArrayList<>(List.of("b", "a", "\uDBFF\uDFFF", "\uFFFD", "\u0000x", "ab", "", "é"));
    keys.sort(KeyOrder.INSTANCE);

    List<String> byBytes = new ArrayList<>(keys);
    byBytes.sort((x, y) -> Arrays.compareUnsigned(utf8(x), utf8(y)));
    assertThat(keys).isEqualTo(byBytes);
    // UTF-16 order would put U+10FFFF before U+FFFD; Fabric (and we) put it after.
    assertThat(keys.indexOf("\uDBFF\uDFFF")).isGreaterThan(keys.indexOf("\uFFFD"));
  }

  @Test
  void aPrefixSortsBeforeItsExtensions() {
    assertThat(KeyOrder.INSTANCE.compare("abc", "abcd")).isNegative();
    assertThat(KeyOrder.INSTANCE.compare("abcd", "abc")).isPositive();
    assertThat(KeyOrder.INSTANCE.compare("abc", "abc")).isZero();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
