package dev.weft.shim.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Converts transaction arguments to parameter values and return values to response payloads. A
 * {@code byte[]} is taken and given as is; a {@code String} as its UTF-8 text; primitives, their
 * wrappers and enums as their text form ({@code 42}, {@code true}, {@code BLUE}); everything else
 * (records, classes, arrays, lists, maps) as JSON.
 */
final class ValueCodec {

  private final ObjectMapper json;

  ValueCodec(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Converts one argument to a parameter's type.
   *
   * @throws ContractException if the argument is not a value of the type, saying what was expected
   */
  Object fromArgument(byte[] argument, Type type) {
    JavaType javaType = json.constructType(type);
    Class<?> raw = javaType.getRawClass();
    if (raw == byte[].class) {
      return argument.clone();
    }
    String text = new String(argument, StandardCharsets.UTF_8);
    try {
      return fromText(text, javaType);
    } catch (JsonProcessingException e) {
      throw cannotConvert(text, javaType, e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw cannotConvert(text, javaType, e.getMessage());
    }
  }

  private static ContractException cannotConvert(String text, JavaType type, String reason) {
    return new ContractException(
        "cannot convert '" + text + "' to " + type.getRawClass().getSimpleName() + ": " + reason);
  }

  private Object fromText(String text, JavaType type) throws JsonProcessingException {
    Class<?> raw = type.getRawClass();
    if (raw == String.class) {
      return text;
    } else if (raw == int.class || raw == Integer.class) {
      return Integer.valueOf(text);
    } else if (raw == long.class || raw == Long.class) {
      return Long.valueOf(text);
    } else if (raw == short.class || raw == Short.class) {
      return Short.valueOf(text);
    } else if (raw == byte.class || raw == Byte.class) {
      return Byte.valueOf(text);
    } else if (raw == double.class || raw == Double.class) {
      return Double.valueOf(text);
    } else if (raw == float.class || raw == Float.class) {
      return Float.valueOf(text);
    } else if (raw == boolean.class || raw == Boolean.class) {
      // Stricter than Boolean.parseBoolean, which takes any other text for false.
      if (!text.equals("true") && !text.equals("false")) {
        throw new IllegalArgumentException("expected true or false");
      }
      return Boolean.valueOf(text);
    } else if (raw == char.class || raw == Character.class) {
      if (text.length() != 1) {
        throw new IllegalArgumentException("expected a single character");
      }
      return text.charAt(0);
    } else if (raw.isEnum()) {
      return enumConstant(raw, text);
    }
    return json.readValue(text, type);
  }

  private static Object enumConstant(Class<?> type, String name) {
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(name)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("expected one of " + List.of(type.getEnumConstants()));
  }

  /**
   * The response payload of a return value: empty for null (and void).
   *
   * @throws ContractException if the value cannot be written as JSON
   */
  byte[] toPayload(Object value) {
    if (value == null) {
      return new byte[0];
    }
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof String
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof Character
        || value instanceof Enum<?>) {
      String text = value instanceof Enum<?> constant ? constant.name() : value.toString();
      return text.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return json.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new ContractException(
          "cannot write the "
              + value.getClass().getSimpleName()
              + " result as JSON: "
              + e.getMessage());
    }
  }
}
