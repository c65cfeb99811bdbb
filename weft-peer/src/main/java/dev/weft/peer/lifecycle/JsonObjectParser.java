package dev.weft.peer.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict parser of one JSON object (RFC 8259), enough for the small descriptor files in a
 * chaincode package. Values become {@link String}, {@link Boolean}, {@link Double}, {@code null}
 * (as {@link JsonObjectParser#NULL}), {@link List} or {@link Map}; a repeated key keeps its last
 * value, as Go's {@code encoding/json} does.
 */
final class JsonObjectParser {

  /** Stands for JSON {@code null}, which a {@link Map} value cannot be. */
  static final Object NULL = new Object();

  private final String text;
  // Deeper nesting than any package file needs is refused rather than recursed into: a crafted
  // metadata.json of nested brackets must not overflow the stack.
  private static final int MAX_DEPTH = 64;

  private int position;
  private int depth;

  private JsonObjectParser(String text) {
    this.text = text;
  }

  /**
   * The members of the object {@code text} holds.
   *
   * @throws IllegalArgumentException when {@code text} is not exactly one JSON object; the message
   *     says what and where
   */
  static Map<String, Object> parseObject(String text) {
    JsonObjectParser parser = new JsonObjectParser(text);
    parser.skipWhitespace();
    if (parser.peek() != '{') {
      throw parser.error("expected a JSON object");
    }
    Object value = parser.value();
    parser.skipWhitespace();
    if (parser.position != text.length()) {
      throw parser.error("unexpected text after the JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) value;
    return object;
  }

  private Object value() {
    skipWhitespace();
    char c = peek();
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", NULL);
      default -> {
        if (c == '-' || c >= '0' && c <= '9') {
          yield number();
        }
        throw error(
            position >= text.length() ? "unexpected end of input" : "unexpected '" + c + "'");
      }
    };
  }

  private Map<String, Object> object() {
    enter();
    try {
      return objectMembers();
    } finally {
      depth--;
    }
  }

  private List<Object> array() {
    enter();
    try {
      return arrayElements();
    } finally {
      depth--;
    }
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      depth--;
      throw error("JSON nested more than " + MAX_DEPTH + " levels deep");
    }
  }

  private Map<String, Object> objectMembers() {
    position++; // '{'
    Map<String, Object> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      position++;
      return members;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      String key = string();
      skipWhitespace();
      expect(':');
      members.put(key, value());
      skipWhitespace();
      if (peek() == ',') {
        position++;
      } else {
        expect('}');
        return members;
      }
    }
  }

  private List<Object> arrayElements() {
    position++; // '['
    List<Object> elements = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      position++;
      return elements;
    }
    while (true) {
      elements.add(value());
      skipWhitespace();
      if (peek() == ',') {
        position++;
      } else {
        expect(']');
        return elements;
      }
    }
  }

  private String string() {
    position++; // '"'
    StringBuilder out = new StringBuilder();
    while (true) {
      if (position >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(position++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("control character in string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escape = position < text.length() ? text.charAt(position++) : '?';
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (position + 4 > text.length()) {
            throw error("truncated \\u escape");
          }
          try {
            out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
          } catch (NumberFormatException e) {
            throw error("bad \\u escape");
          }
          position += 4;
        }
        default -> throw error("bad escape '\\" + escape + "'");
      }
    }
  }

  private Double number() {
    int start = position;
    if (peek() == '-') {
      position++;
    }
    if (peek() == '0') {
      position++;
    } else if (!digits()) {
      throw error("malformed number");
    }
    if (peek() == '.') {
      position++;
      if (!digits()) {
        throw error("malformed number");
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      position++;
      if (peek() == '+' || peek() == '-') {
        position++;
      }
      if (!digits()) {
        throw error("malformed number");
      }
    }
    return Double.valueOf(text.substring(start, position));
  }

  private boolean digits() {
    int start = position;
    while (peek() >= '0' && peek() <= '9') {
      position++;
    }
    return position > start;
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, position)) {
      throw error("unexpected '" + peek() + "'");
    }
    position += word.length();
    return value;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected '" + c + "'");
    }
    position++;
  }

  private char peek() {
    return position < text.length() ? text.charAt(position) : '\0';
  }

  private void skipWhitespace() {
    while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
      position++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + position);
  }
}
