package dev.weft.shim.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * Converts transaction arguments from strings and return values to payloads, and describes types as
 * the JSON schemas of Fabric's contract metadata. Strings pass through, primitives use their text
 * form, everything else (records, lists, classes) is JSON.
 */
final class ValueCodec {

  private final ObjectMapper json = new ObjectMapper();

  /** Converts one argument to the parameter's type; a bad value fails with what was expected. */
  Object fromString(String text, Type type) {
    Class<?> raw = rawClass(type);
    try {
      if (raw == String.class) {
        return text;
      } else if (raw == int.class || raw == Integer.class) {
        return Integer.parseInt(text);
      } else if (raw == long.class || raw == Long.class) {
        return Long.parseLong(text);
      } else if (raw == short.class || raw == Short.class) {
        return Short.parseShort(text);
      } else if (raw == byte.class || raw == Byte.class) {
        return Byte.parseByte(text);
      } else if (raw == double.class || raw == Double.class) {
        return Double.parseDouble(text);
      } else if (raw == float.class || raw == Float.class) {
        return Float.parseFloat(text);
      } else if (raw == boolean.class || raw == Boolean.class) {
        if (!text.equals("true") && !text.equals("false")) {
          throw new IllegalArgumentException("not true or false");
        }
        return Boolean.parseBoolean(text);
      } else if (raw == char.class || raw == Character.class) {
        if (text.length() != 1) {
          throw new IllegalArgumentException("not a single character");
        }
        return text.charAt(0);
      } else if (raw.isEnum()) {
        return enumValue(raw, text);
      }
      return json.readValue(text, json.constructType(type));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new ContractException(
          "cannot convert '" + text + "' to " + type.getTypeName() + ": " + e.getMessage());
    }
  }

  /** The response payload of a return value. */
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
      return value.toString().getBytes(StandardCharsets.UTF_8);
    }
    try {
      return json.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new ContractException("cannot convert the result to JSON: " + e.getMessage());
    }
  }

  /** The JSON schema of a type; classes are described once in {@code components} and referenced. */
  ObjectNode schema(Type type, ObjectNode components) {
    ObjectNode schema = json.createObjectNode();
    Class<?> raw = rawClass(type);
    if (raw == String.class || raw == char.class || raw == Character.class) {
      schema.put("type", "string");
    } else if (raw == int.class
        || raw == Integer.class
        || raw == short.class
        || raw == Short.class
        || raw == byte.class
        || raw == Byte.class) {
      schema.put("type", "integer").put("format", "int32");
    } else if (raw == long.class || raw == Long.class) {
      schema.put("type", "integer").put("format", "int64");
    } else if (raw == double.class || raw == Double.class) {
      schema.put("type", "number").put("format", "double");
    } else if (raw == float.class || raw == Float.class) {
      schema.put("type", "number").put("format", "float");
    } else if (raw == boolean.class || raw == Boolean.class) {
      schema.put("type", "boolean");
    } else if (raw.isEnum()) {
      schema.put("type", "string");
      for (Object constant : raw.getEnumConstants()) {
        schema.withArray("enum").add(((Enum<?>) constant).name());
      }
    } else if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
      schema.put("type", "array");
      schema.set("items", schema(elementType(type), components));
    } else if (Map.class.isAssignableFrom(raw)) {
      schema.put("type", "object");
    } else {
      String name = raw.getSimpleName();
      if (!components.has(name)) {
        components.set(name, json.createObjectNode()); // placeholder against recursion
        components.set(name, component(raw, components));
      }
      schema.put("$ref", "#/components/schemas/" + name);
    }
    return schema;
  }

  private ObjectNode component(Class<?> type, ObjectNode components) {
    ObjectNode component = json.createObjectNode();
    component.put("$id", type.getSimpleName());
    component.put("type", "object");
    component.put("additionalProperties", false);
    ObjectNode properties = component.putObject("properties");
    if (type.isRecord()) {
      for (RecordComponent field : type.getRecordComponents()) {
        properties.set(field.getName(), schema(field.getGenericType(), components));
        component.withArray("required").add(field.getName());
      }
    }
    return component;
  }

  private static Type elementType(Type type) {
    if (type instanceof Class<?> array && array.isArray()) {
      return array.getComponentType();
    }
    if (type instanceof GenericArrayType array) {
      return array.getGenericComponentType();
    }
    if (type instanceof ParameterizedType parameterized
        && parameterized.getActualTypeArguments().length == 1) {
      return parameterized.getActualTypeArguments()[0];
    }
    return Object.class;
  }

  static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> raw) {
      return raw;
    }
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    if (type instanceof GenericArrayType array) {
      return java.lang.reflect.Array.newInstance(rawClass(array.getGenericComponentType()), 0)
          .getClass();
    }
    return Object.class;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(Class<?> type, String name) {
    return Enum.valueOf((Class<? extends Enum>) type, name);
  }

  ObjectMapper json() {
    return json;
  }
}
