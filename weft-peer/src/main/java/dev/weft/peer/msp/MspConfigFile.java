package dev.weft.peer.msp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The parts of an MSP's {@code config.yaml} Fabric reads: {@code OrganizationalUnitIdentifiers} and
 * {@code NodeOUs}. Certificate paths are relative to the MSP folder.
 */
record MspConfigFile(
    List<OuIdentifier> organizationalUnitIdentifiers,
    boolean nodeOusEnabled,
    Optional<OuIdentifier> clientOu,
    Optional<OuIdentifier> peerOu,
    Optional<OuIdentifier> adminOu,
    Optional<OuIdentifier> ordererOu) {

  /** An OU value, and the CA certificate (path) that must have issued it; either may be empty. */
  record OuIdentifier(String certificate, String organizationalUnitIdentifier) {}

  static MspConfigFile parse(byte[] yaml, Path source) {
    Object root;
    try {
      root =
          new Yaml(new SafeConstructor(new LoaderOptions()))
              .load(new String(yaml, StandardCharsets.UTF_8));
    } catch (YAMLException e) {
      throw new MspException("failed unmarshalling configuration file at " + source, e);
    }
    Map<?, ?> top = root == null ? Map.of() : map(root, "the top level", source);
    List<OuIdentifier> ous = new ArrayList<>();
    Object list = top.get("OrganizationalUnitIdentifiers");
    if (list instanceof List<?> entries) {
      for (Object entry : entries) {
        ous.add(ou(map(entry, "an OrganizationalUnitIdentifiers entry", source)));
      }
    }
    Object nodeOus = top.get("NodeOUs");
    if (nodeOus == null) {
      return new MspConfigFile(
          List.copyOf(ous),
          false,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }
    Map<?, ?> node = map(nodeOus, "NodeOUs", source);
    return new MspConfigFile(
        List.copyOf(ous),
        Boolean.TRUE.equals(node.get("Enable")),
        optionalOu(node, "ClientOUIdentifier", source),
        optionalOu(node, "PeerOUIdentifier", source),
        optionalOu(node, "AdminOUIdentifier", source),
        optionalOu(node, "OrdererOUIdentifier", source));
  }

  private static Optional<OuIdentifier> optionalOu(Map<?, ?> node, String key, Path source) {
    Object value = node.get(key);
    return value == null ? Optional.empty() : Optional.of(ou(map(value, key, source)));
  }

  private static OuIdentifier ou(Map<?, ?> entry) {
    return new OuIdentifier(
        text(entry.get("Certificate")), text(entry.get("OrganizationalUnitIdentifier")));
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  private static Map<?, ?> map(Object value, String what, Path source) {
    if (value instanceof Map<?, ?> m) {
      return m;
    }
    throw new MspException(
        "failed unmarshalling configuration file at " + source + ": " + what + " is not a map");
  }
}
