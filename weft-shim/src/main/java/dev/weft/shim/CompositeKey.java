package dev.weft.shim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A composite key in Fabric's encoding: {@code U+0000 objectType U+0000 (attribute U+0000)*}. Keys
 * built this way sort by object type, then attribute by attribute, so a prefix of the attributes
 * selects a range ({@link ChaincodeStub#getStateByPartialCompositeKey}).
 *
 * @param objectType the kind of object, e.g. {@code "asset"}
 * @param attributes the parts of the key after the object type
 */
public record CompositeKey(String objectType, List<String> attributes) {

  /** Separates the parts; also the first character of every composite key. */
  static final char SEPARATOR = '\u0000';

  /** The largest code point: appended to a partial key, it ends the range of its extensions. */
  static final String MAX_CODE_POINT = new String(Character.toChars(Character.MAX_CODE_POINT));

  /** Rejects object types and attributes that would break the encoding, as Fabric does. */
  public CompositeKey {
    validate(objectType);
    attributes = List.copyOf(attributes);
    attributes.forEach(CompositeKey::validate);
  }

  public CompositeKey(String objectType, String... attributes) {
    this(objectType, List.of(attributes));
  }

  /** Splits a composite key into its object type and attributes. */
  public static CompositeKey parse(String key) {
    if (key.isEmpty() || key.charAt(0) != SEPARATOR) {
      throw new IllegalArgumentException("not a composite key (it must start with U+0000): " + key);
    }
    List<String> parts = new ArrayList<>();
    int start = 1;
    for (int i = 1; i < key.length(); i++) {
      if (key.charAt(i) == SEPARATOR) {
        parts.add(key.substring(start, i));
        start = i + 1;
      }
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("not a composite key (no object type): " + key);
    }
    return new CompositeKey(parts.get(0), parts.subList(1, parts.size()));
  }

  /** The encoded key, as stored in the ledger. */
  @Override
  public String toString() {
    StringBuilder key = new StringBuilder().append(SEPARATOR).append(objectType).append(SEPARATOR);
    for (String attribute : attributes) {
      key.append(attribute).append(SEPARATOR);
    }
    return key.toString();
  }

  private static void validate(String part) {
    for (int i = 0; i < part.length(); ) {
      int codePoint = part.codePointAt(i);
      if (codePoint == 0 || codePoint == Character.MAX_CODE_POINT) {
        throw new IllegalArgumentException(
            String.format(
                "input contains unicode U+%04X starting at position [%d]. U+0000 and U+10FFFF are"
                    + " not allowed in the input attribute of a composite key",
                codePoint, part.substring(0, i).getBytes(StandardCharsets.UTF_8).length));
      }
      if (Character.isSurrogate(part.charAt(i)) && Character.charCount(codePoint) == 1) {
        throw new IllegalArgumentException(
            "not a valid utf8 string: a lone surrogate at position " + i + " in " + part);
      }
      i += Character.charCount(codePoint);
    }
  }
}
