package dev.weft.peer.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateValuesTest {

  private final VersionedValue value =
      new VersionedValue(
          ByteString.copyFrom(new byte[] {0, 1, (byte) 0xFF}),
          VersionedValue.sortedCopy(
              Map.of(
                  "VALIDATION_PARAMETER",
                  ByteString.copyFromUtf8("p"),
                  "\uDBFF\uDFFF",
                  ByteString.EMPTY)),
          new Height(Long.MAX_VALUE, 1L << 40));

  @Test
  void aValueComesBackWithItsVersionAndMetadata() {
    assertThat(StateValues.decodeValue(StateValues.encode(value))).isEqualTo(value);
  }

  @Test
  void aSavepointComesBack() {
    Height savepoint = new Height(12345, 678);
    assertThat(StateValues.decodeSavepoint(StateValues.encode(savepoint))).isEqualTo(savepoint);
  }

  @Test
  void fieldsALaterVersionAddsAreSkipped() {
    byte[] stored = StateValues.encode(value);
    // Field 15, varint 1: what a later version might append.
    byte[] extended = Arrays.copyOf(stored, stored.length + 2);
    extended[stored.length] = 15 << 3;
    extended[stored.length + 1] = 1;

    assertThat(StateValues.decodeValue(extended)).isEqualTo(value);
  }

  @Test
  void aRecordOfAnotherFormatIsRejectedNotMisread() {
    byte[] stored = StateValues.encode(value);
    stored[0] = 2;

    assertThatThrownBy(() -> StateValues.decodeValue(stored))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("unknown format 2");
    assertThatThrownBy(() -> StateValues.decodeSavepoint(new byte[0]))
        .isInstanceOf(LedgerException.class);
  }

  @Test
  void aTruncatedRecordIsReportedAsCorrupt() {
    byte[] stored = StateValues.encode(value);

    assertThatThrownBy(() -> StateValues.decodeValue(Arrays.copyOf(stored, stored.length - 1)))
        .isInstanceOf(LedgerException.class)
        .hasMessageContaining("corrupt");
  }
}
