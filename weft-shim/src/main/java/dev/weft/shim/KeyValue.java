package dev.weft.shim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A key and its value, as a range or rich query returns them. */
public record KeyValue(String key, byte[] value) {

  public KeyValue {
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
    return other instanceof KeyValue that
        && key.equals(that.key)
        && Arrays.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return 31 * key.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "KeyValue{key=" + key + ", value=" + value.length + " bytes}";
  }
}
