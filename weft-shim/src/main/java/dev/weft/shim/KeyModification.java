package dev.weft.shim;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One committed change of a key, as its history returns it: the transaction, the value it wrote
 * (empty for a delete), when, and whether it deleted the key.
 */
public record KeyModification(String txId, byte[] value, Instant timestamp, boolean isDeleted) {

  public KeyModification {
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** The value decoded as UTF-8. */
  public String stringValue() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyModification that
        && txId.equals(that.txId)
        && Arrays.equals(value, that.value)
        && timestamp.equals(that.timestamp)
        && isDeleted == that.isDeleted;
  }

  @Override
  public int hashCode() {
    return Objects.hash(txId, Arrays.hashCode(value), timestamp, isDeleted);
  }

  @Override
  public String toString() {
    return "KeyModification{txId="
        + txId
        + ", value="
        + value.length
        + " bytes, timestamp="
        + timestamp
        + ", isDeleted="
        + isDeleted
        + "}";
  }
}
