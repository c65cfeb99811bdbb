package dev.weft.peer.lifecycle;

import java.util.Map;

/**
 * The members of a parsed JSON object, looked up the way Go's {@code encoding/json} fills a struct
 * (which is how Fabric reads these files): the exact key first, else a key that differs only in
 * case; a missing or {@code null} member is the zero value; a member of the wrong type is an error.
 */
record JsonMembers(Map<String, Object> members) {

  JsonMembers {
    members = Map.copyOf(members);
  }

  /** The string member {@code key}, or {@code ""} when absent or null. */
  String string(String key) {
    Object value = find(key);
    if (value == null) {
      return "";
    }
    if (value instanceof String text) {
      return text;
    }
    throw new IllegalArgumentException("\"" + key + "\" must be a string");
  }

  /** The boolean member {@code key}, or {@code false} when absent or null. */
  boolean bool(String key) {
    Object value = find(key);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    throw new IllegalArgumentException("\"" + key + "\" must be true or false");
  }

  /** Whether the object has a non-null member {@code key}. */
  boolean has(String key) {
    return find(key) != null;
  }

  private Object find(String key) {
    Object value = members.get(key);
    if (value == null) {
      value =
          members.entrySet().stream()
              .filter(member -> member.getKey().equalsIgnoreCase(key))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
    }
    return value == JsonObjectParser.NULL ? null : value;
  }
}
