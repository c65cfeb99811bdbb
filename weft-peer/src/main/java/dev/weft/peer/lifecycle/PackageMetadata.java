package dev.weft.peer.lifecycle;

import dev.weft.peer.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The {@code metadata.json} of a chaincode package: which kind of chaincode it is, its label, and
 * the path it was packaged from (for Go, the module's import path).
 *
 * @param type the chaincode type, e.g. {@code golang}, {@code java}, {@code node}, {@code ccaas},
 *     or a type an external builder recognises
 * @param label the package label, the first part of the package id
 * @param path the chaincode path; may be empty (chaincode as a service)
 */
public record PackageMetadata(String type, String label, String path) {

  /** The entry name of the metadata inside a package. */
  public static final String FILE_NAME = "metadata.json";

  /** Fabric's label rule ({@code persistence.LabelRegexp}); ASCII only, as Go's [[:alnum:]]. */
  private static final Pattern LABEL = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.+-]*$");

  /** Checks the label by Fabric's rule. */
  public PackageMetadata {
    validateLabel(label);
    if (type == null || type.isEmpty()) {
      throw new IllegalArgumentException("the chaincode type must not be empty");
    }
    path = path == null ? "" : path;
  }

  /**
   * Checks {@code label} by Fabric's rule.
   *
   * @throws IllegalArgumentException with Fabric's explanation when the label is invalid
   */
  public static void validateLabel(String label) {
    if (label == null || !LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException(
          "invalid label '"
              + label
              + "': a label must be non-empty, can only consist of alphanumerics and the symbols"
              + " '.+-_', and must begin with an alphanumeric");
    }
  }

  /**
   * The metadata in {@code json}.
   *
   * @throws IllegalArgumentException when it is not a JSON object, a field is not a string, the
   *     type is missing, or the label is invalid
   */
  public static PackageMetadata parse(byte[] json) {
    JsonMembers members =
        new JsonMembers(JsonObjectParser.parseObject(new String(json, StandardCharsets.UTF_8)));
    if (!members.has("label")) {
      throw new IllegalArgumentException("it has no \"label\"");
    }
    if (!members.has("type")) {
      throw new IllegalArgumentException("it has no \"type\"");
    }
    return new PackageMetadata(
        members.string("type"), members.string("label"), members.string("path"));
  }

  /**
   * The metadata as Fabric's {@code peer lifecycle chaincode package} writes it: Go's {@code
   * json.Marshal} of its struct, so fields in the order path, type, label, no spaces, and {@code
   * <}, {@code >}, {@code &} escaped.
   */
  public byte[] toJson() {
    return ("{\"path\":"
            + Json.string(path)
            + ",\"type\":"
            + Json.string(type)
            + ",\"label\":"
            + Json.string(label)
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
