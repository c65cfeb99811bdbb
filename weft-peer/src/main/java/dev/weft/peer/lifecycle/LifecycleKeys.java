package dev.weft.peer.lifecycle;

import java.util.Optional;

/**
 * The keys of the {@code _lifecycle} namespace.
 *
 * <p>Chaincode definitions are where Fabric keeps them, encoded as Fabric encodes them (see {@link
 * StateSerializer}): {@code namespaces/metadata/<name>} and {@code
 * namespaces/fields/<name>/{Sequence,EndorsementInfo,ValidationInfo,Collections}}.
 *
 * <p>Organisations' approvals are where Weft keeps them, because Weft has no private data yet.
 * Fabric writes an organisation's approval into that organisation's implicit private data
 * collection ({@code _implicit_org_<mspid>}) under {@code namespaces/metadata/<name>#<sequence>},
 * {@code namespaces/fields/<name>#<sequence>/...} and {@code
 * chaincode-sources/{metadata,fields}/<name>#<sequence>...}. Weft writes the same keys and values
 * into the public state of {@code _lifecycle}, each prefixed with {@code orgs/<mspid>/}. So every
 * member of the channel can read every organisation's approvals, including the package id it
 * approved, which in Fabric only the organisation's own peers see.
 */
public final class LifecycleKeys {

  /** The namespace of the lifecycle's state and the name of its system chaincode. */
  public static final String NAMESPACE = "_lifecycle";

  static final String NAMESPACES = "namespaces";
  static final String CHAINCODE_SOURCES = "chaincode-sources";
  static final String SEQUENCE = "Sequence";
  static final String PACKAGE_ID = "PackageID";

  private static final String ORGS = "orgs/";

  private LifecycleKeys() {}

  static String metadataKey(String namespace, String name) {
    return namespace + "/metadata/" + name;
  }

  static String fieldKey(String namespace, String name, String field) {
    return namespace + "/fields/" + name + "/" + field;
  }

  /** The key of a chaincode's committed sequence, the one read every invocation records. */
  static String sequenceKey(String chaincodeName) {
    return fieldKey(NAMESPACES, chaincodeName, SEQUENCE);
  }

  /** Fabric's name of an approval: the chaincode name and the sequence it approves. */
  static String approvalName(String chaincodeName, long sequence) {
    return chaincodeName + "#" + sequence;
  }

  /** The prefix of the keys that hold {@code mspId}'s approvals. */
  static String orgPrefix(String mspId) {
    return ORGS + mspId + "/";
  }

  /**
   * The organisation whose approvals {@code key} (a key of {@code _lifecycle}) holds; empty for the
   * keys of committed definitions.
   */
  public static Optional<String> approvingOrg(String key) {
    if (!key.startsWith(ORGS)) {
      return Optional.empty();
    }
    int end = key.indexOf('/', ORGS.length());
    return end > ORGS.length()
        ? Optional.of(key.substring(ORGS.length(), end))
        : Optional.of(key.substring(ORGS.length()));
  }
}
