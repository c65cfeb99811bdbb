package dev.weft.shim.contract;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * Describes Java types as the JSON schemas of Fabric's contract metadata, with the type names and
 * formats Fabric's Java shim uses ({@code integer}/{@code int32}, {@code number}/{@code double},
 * ...). Classes are described once, under {@code components.schemas}, and referenced by {@code
 * $ref}; their properties are the ones Jackson writes, so the schema matches the JSON.
 */
final class TypeSchemas {

  private static final String COMPONENTS = "#/components/schemas/";

  private final ObjectMapper json;
  private final ObjectNode components;
  private final Map<String, Class<?>> componentClasses = new HashMap<>();

  TypeSchemas(ObjectMapper json) {
    this.json = json;
    this.components = json.createObjectNode();
  }

  /** The schemas of the classes described so far, by name: {@code components.schemas}. */
  ObjectNode components() {
    return components;
  }

  /**
   * The schema of a type, describing the classes it involves in {@link #components()}.
   *
   * @throws IllegalArgumentException if two classes would be described under one name
   */
  ObjectNode schemaOf(Type type) {
    return schemaOf(json.constructType(type));
  }

  private ObjectNode schemaOf(JavaType type) {
    ObjectNode schema = json.createObjectNode();
    Class<?> raw = type.getRawClass();
    if (raw == String.class) {
      schema.put("type", "string");
    } else if (raw == char.class || raw == Character.class) {
      schema.put("type", "string").put("format", "uint16");
    } else if (raw == byte.class || raw == Byte.class) {
      schema.put("type", "integer").put("format", "int8");
    } else if (raw == short.class || raw == Short.class) {
      schema.put("type", "integer").put("format", "int16");
    } else if (raw == int.class || raw == Integer.class) {
      schema.put("type", "integer").put("format", "int32");
    } else if (raw == long.class || raw == Long.class) {
      schema.put("type", "integer").put("format", "int64");
    } else if (raw == float.class || raw == Float.class) {
      schema.put("type", "number").put("format", "float");
    } else if (raw == double.class || raw == Double.class) {
      schema.put("type", "number").put("format", "double");
    } else if (raw == boolean.class || raw == Boolean.class) {
      schema.put("type", "boolean");
    } else if (raw == BigInteger.class) {
      schema.put("type", "integer");
    } else if (raw == BigDecimal.class) {
      schema.put("type", "number");
    } else if (raw == byte[].class) {
      // Taken and returned as raw bytes; "byte" is the OpenAPI format for binary data in a string.
      schema.put("type", "string").put("format", "byte");
    } else if (raw.isEnum()) {
      schema.put("type", "string");
      for (Object constant : raw.getEnumConstants()) {
        schema.withArray("enum").add(((Enum<?>) constant).name());
      }
    } else if (type.isArrayType() || type.isCollectionLikeType()) {
      schema.put("type", "array");
      schema.set("items", schemaOf(type.getContentType()));
    } else if (type.isMapLikeType()) {
      schema.put("type", "object");
      schema.set("additionalProperties", schemaOf(type.getContentType()));
    } else if (raw != Object.class) {
      schema.put("$ref", COMPONENTS + describe(type));
    }
    // Object: any JSON value, the empty schema.
    return schema;
  }

  /** Describes a class in the components once; returns its name there. */
  private String describe(JavaType type) {
    Class<?> raw = type.getRawClass();
    DataType dataType = raw.getAnnotation(DataType.class);
    String name =
        dataType == null || dataType.name().isEmpty() ? raw.getSimpleName() : dataType.name();
    Class<?> described = componentClasses.putIfAbsent(name, raw);
    if (described == raw) {
      return name;
    }
    if (described != null) {
      throw new IllegalArgumentException(
          "two data types are named "
              + name
              + " in the metadata, "
              + described.getName()
              + " and "
              + raw.getName()
              + ": give one another name with @DataType(name = ...)");
    }
    // Present before its properties are described, so that a class referring to itself ends.
    ObjectNode component = components.putObject(name);
    component.put("$id", name);
    component.put("type", "object");
    component.put("additionalProperties", false);
    ObjectNode properties = component.putObject("properties");
    BeanDescription description = json.getSerializationConfig().introspect(type);
    for (BeanPropertyDefinition property : description.findProperties()) {
      if (property.couldSerialize()) {
        properties.set(property.getName(), schemaOf(property.getPrimaryType()));
      }
    }
    return name;
  }
}
