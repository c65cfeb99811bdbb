package dev.weft.peer.msp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The X.509 MSP of one organisation, from its {@code FabricMSPConfig}: deserialises identities,
 * validates them against the organisation's CAs, and tells whether they satisfy a principal (a
 * role, an OU or a specific identity), with Fabric 1.4.3+ semantics (NodeOUs with an admin OU).
 *
 * <p>Validation follows Fabric: the chain must lead from the identity's certificate through the
 * intermediate CAs to a root CA, each issuer must be a CA and a leaf of the certification tree, and
 * the chain is checked <em>as of the certificate's notBefore + 1 s</em>, so an expired certificate
 * is still a valid member (Fabric leaves expiry to the endorser's auth filter, so that historic
 * blocks stay valid). With NodeOUs enabled an identity needs exactly one of the client, peer, admin
 * or orderer OUs. Revocation lists are not evaluated yet.
 *
 * <p>Deserialised identities and their validation results are cached by their serialized bytes. The
 * cache is filled before any signature is checked, so it is bounded in entries and holds only
 * identities of a certificate's usual size: a sender cannot make it hold much memory.
 */
public final class Msp {

  private static final Logger log = LoggerFactory.getLogger(Msp.class);

  private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
  private static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
  private static final int CACHE_LIMIT = 1_000;
  private static final int CACHED_IDENTITY_MAX_BYTES = 16 * 1024;

  /** A NodeOU: the OU value, and the hash of the CA chain that must have issued it, or null. */
  private record NodeOu(String ou, byte[] certifiers) {}

  private record Deserialized(Identity identity, Optional<String> invalidity) {}

  private final String id;
  private final FabricMSPConfig config;
  private final List<X509Certificate> roots;
  private final List<X509Certificate> intermediates;
  private final List<X509CRL> revocationLists;
  private final Set<ByteString> rootDers = new HashSet<>();
  private final Set<ByteString> internalNodes = new HashSet<>();
  private final List<byte[]> admins = new ArrayList<>();
  private final List<NodeOu> ouIdentifiers = new ArrayList<>();
  private final boolean nodeOusEnabled;
  private final Map<MSPRole.MSPRoleType, NodeOu> nodeOus =
      new java.util.EnumMap<>(MSPRole.MSPRoleType.class);
  private final Map<ByteString, Deserialized> cache = new ConcurrentHashMap<>();

  private Msp(FabricMSPConfig config) {
    this.id = config.getName();
    this.config = config;
    if (id.isEmpty()) {
      throw new MspException("an MSP configuration needs a name (the MSP id)");
    }
    this.roots = certificates(config.getRootCertsList(), "root CA");
    if (roots.isEmpty()) {
      throw new MspException("MSP " + id + " has no root CA certificate");
    }
    this.intermediates = certificates(config.getIntermediateCertsList(), "intermediate CA");
    for (X509Certificate root : roots) {
      if (root.getBasicConstraints() < 0) {
        throw new MspException("root certificate of MSP " + id + " is not a CA certificate");
      }
      rootDers.add(ByteString.copyFrom(Identity.der(root)));
    }
    for (X509Certificate intermediate : intermediates) {
      // An intermediate's issuer is an internal node of the certification tree: identities must be
      // issued by its leaves.
      List<X509Certificate> chain = chainOf(intermediate);
      internalNodes.add(ByteString.copyFrom(Identity.der(chain.get(1))));
    }
    for (ByteString admin : config.getAdminsList()) {
      admins.add(firstCertificateDer(admin));
    }
    this.revocationLists = revocationLists(config.getRevocationListList());
    for (FabricOUIdentifier ou : config.getOrganizationalUnitIdentifiersList()) {
      ouIdentifiers.add(
          new NodeOu(ou.getOrganizationalUnitIdentifier(), certifiers(ou.getCertificate())));
    }
    var n = config.getFabricNodeOus();
    // Enabled without any identifier, Fabric turns classification off rather than reject everyone.
    this.nodeOusEnabled =
        config.hasFabricNodeOus()
            && n.getEnable()
            && (n.hasClientOuIdentifier()
                || n.hasPeerOuIdentifier()
                || n.hasAdminOuIdentifier()
                || n.hasOrdererOuIdentifier());
    if (nodeOusEnabled) {
      putNodeOu(MSPRole.MSPRoleType.CLIENT, n.hasClientOuIdentifier(), n.getClientOuIdentifier());
      putNodeOu(MSPRole.MSPRoleType.PEER, n.hasPeerOuIdentifier(), n.getPeerOuIdentifier());
      putNodeOu(MSPRole.MSPRoleType.ADMIN, n.hasAdminOuIdentifier(), n.getAdminOuIdentifier());
      putNodeOu(
          MSPRole.MSPRoleType.ORDERER, n.hasOrdererOuIdentifier(), n.getOrdererOuIdentifier());
    }
    checkAdmins();
  }

  /**
   * Fabric's setup checks on administrators: some must be declared unless NodeOUs classify admins,
   * and each declared one must be a valid member (without NodeOUs) or carry the client or admin OU
   * (with them).
   */
  private void checkAdmins() {
    if (admins.isEmpty() && !(nodeOusEnabled && nodeOus.containsKey(MSPRole.MSPRoleType.ADMIN))) {
      throw new MspException(
          "MSP " + id + ": administrators must be declared when no admin ou classification is set");
    }
    for (int i = 0; i < admins.size(); i++) {
      Identity admin = Identity.fromPem(id, Pem.encode("CERTIFICATE", admins.get(i)));
      Optional<String> invalid = invalidity(admin);
      if (invalid.isEmpty()
          && nodeOusEnabled
          && !hasNodeOu(admin, MSPRole.MSPRoleType.CLIENT)
          && !hasNodeOu(admin, MSPRole.MSPRoleType.ADMIN)) {
        invalid = Optional.of("it carries neither the client nor the admin OU");
      }
      if (invalid.isPresent()) {
        throw new MspException("MSP " + id + ": admin " + i + " is invalid: " + invalid.get());
      }
    }
  }

  /** The MSP a {@code FabricMSPConfig} describes. */
  public static Msp fromConfig(FabricMSPConfig config) {
    return new Msp(config);
  }

  /** The MSP of the {@code FabricMSPConfig} bytes carried in a channel's MSP value. */
  public static Msp fromConfigBytes(ByteString fabricMspConfig) {
    try {
      return new Msp(FabricMSPConfig.parseFrom(fabricMspConfig));
    } catch (InvalidProtocolBufferException e) {
      throw new MspException("cannot unmarshal a FabricMSPConfig", e);
    }
  }

  /** The MSP id. */
  public String id() {
    return id;
  }

  public FabricMSPConfig config() {
    return config;
  }

  public boolean nodeOusEnabled() {
    return nodeOusEnabled;
  }

  /**
   * The identity a marshalled {@code SerializedIdentity} of this MSP names, whether valid or not.
   *
   * @throws MspException if it is malformed or of another MSP
   */
  public Identity deserialize(ByteString serializedIdentity) {
    return entry(serializedIdentity).identity();
  }

  /** Throws an {@link MspException} saying why, if {@code identity} is not valid in this MSP. */
  public void validate(Identity identity) {
    Optional<String> invalidity = entry(identity.serialized()).invalidity();
    if (invalidity.isPresent()) {
      throw new MspException(invalidity.get());
    }
  }

  public boolean isValid(Identity identity) {
    return entry(identity.serialized()).invalidity().isEmpty();
  }

  /** Whether {@code identity} satisfies {@code principal}; see {@link #checkPrincipal}. */
  public boolean satisfies(Identity identity, MSPPrincipal principal) {
    return mismatch(identity, principal).isEmpty();
  }

  /**
   * Throws an {@link MspException} saying why, if {@code identity} does not satisfy {@code
   * principal}: a ROLE (member: any valid identity; admin: listed in admincerts or carrying the
   * admin NodeOU; client, peer, orderer: carrying that NodeOU), an ORGANIZATION_UNIT, or an
   * IDENTITY.
   */
  public void checkPrincipal(Identity identity, MSPPrincipal principal) {
    Optional<String> mismatch = mismatch(identity, principal);
    if (mismatch.isPresent()) {
      throw new MspException(mismatch.get());
    }
  }

  /** Whether {@code identity} carries the NodeOU of {@code role}; needs NodeOUs. */
  public boolean hasNodeOu(Identity identity, MSPRole.MSPRoleType role) {
    NodeOu nodeOu = nodeOus.get(role);
    return nodeOusEnabled && nodeOu != null && identity.organizationalUnits().contains(nodeOu.ou());
  }

  // Reasons are returned rather than thrown: policies ask this for every principal and signer,
  // and most answers are "no".
  private Optional<String> mismatch(Identity identity, MSPPrincipal principal) {
    try {
      return switch (principal.getPrincipalClassification()) {
        case ROLE -> roleMismatch(identity, MSPRole.parseFrom(principal.getPrincipal()));
        case ORGANIZATION_UNIT ->
            ouMismatch(identity, OrganizationUnit.parseFrom(principal.getPrincipal()));
        case IDENTITY -> {
          Identity wanted;
          try {
            wanted = deserialize(principal.getPrincipal());
          } catch (MspException e) {
            yield Optional.of("invalid identity principal, not a certificate: " + e.getMessage());
          }
          yield identity.sameCertificate(wanted.certificateDer())
              ? invalidityOf(wanted)
              : Optional.of("The identities do not match");
        }
        case COMBINED -> {
          // Every principal of the combination must be satisfied, as Fabric flattens it.
          List<MSPPrincipal> parts =
              org.hyperledger.fabric.protos.common.CombinedPrincipal.parseFrom(
                      principal.getPrincipal())
                  .getPrincipalsList();
          if (parts.isEmpty()) {
            yield Optional.of("No principals in CombinedPrincipal");
          }
          for (MSPPrincipal part : parts) {
            Optional<String> partMismatch = mismatch(identity, part);
            if (partMismatch.isPresent()) {
              yield partMismatch;
            }
          }
          yield Optional.empty();
        }
        case ANONYMITY ->
            org.hyperledger.fabric.protos.common.MSPIdentityAnonymity.parseFrom(
                            principal.getPrincipal())
                        .getAnonymityType()
                    == org.hyperledger.fabric.protos.common.MSPIdentityAnonymity
                        .MSPIdentityAnonymityType.NOMINAL
                ? Optional.empty()
                : Optional.of(
                    "Principal is anonymous, but X.509 MSP does not support anonymous identities");
        default ->
            Optional.of("invalid principal type " + principal.getPrincipalClassificationValue());
      };
    } catch (InvalidProtocolBufferException e) {
      return Optional.of("could not unmarshal the principal: " + e.getMessage());
    }
  }

  private Optional<String> roleMismatch(Identity identity, MSPRole role) {
    if (!role.getMspIdentifier().equals(id)) {
      return Optional.of(
          "the identity is a member of a different MSP (expected "
              + role.getMspIdentifier()
              + ", got "
              + identity.mspId()
              + ")");
    }
    return switch (role.getRole()) {
      case MEMBER -> invalidityOf(identity);
      case ADMIN -> {
        if (isListedAdmin(identity)) {
          yield Optional.empty();
        }
        if (!nodeOusEnabled) {
          yield Optional.of("This identity is not an admin");
        }
        yield invalidityOf(identity).or(() -> nodeOuMismatch(identity, MSPRole.MSPRoleType.ADMIN));
      }
      case CLIENT, PEER, ORDERER -> {
        Optional<String> invalid = invalidityOf(identity);
        if (invalid.isPresent()) {
          yield invalid;
        }
        if (!nodeOusEnabled) {
          yield Optional.of("NodeOUs not activated. Cannot tell apart identities.");
        }
        yield nodeOuMismatch(identity, role.getRole());
      }
      default -> Optional.of("invalid MSP role type " + role.getRoleValue());
    };
  }

  private Optional<String> nodeOuMismatch(Identity identity, MSPRole.MSPRoleType role) {
    if (nodeOus.get(role) == null) {
      return Optional.of(
          "cannot test for classification, node ou for type ["
              + role
              + "], not defined, msp: ["
              + id
              + "]");
    }
    if (!hasNodeOu(identity, role)) {
      return Optional.of("The identity is not a [" + role + "] under this MSP [" + id + "]");
    }
    return Optional.empty();
  }

  private Optional<String> ouMismatch(Identity identity, OrganizationUnit unit) {
    if (!unit.getMspIdentifier().equals(id)) {
      return Optional.of(
          "the identity is a member of a different MSP (expected "
              + unit.getMspIdentifier()
              + ", got "
              + identity.mspId()
              + ")");
    }
    Optional<String> invalid = invalidityOf(identity);
    if (invalid.isPresent()) {
      return invalid;
    }
    if (!identity.organizationalUnits().contains(unit.getOrganizationalUnitIdentifier())
        || !Arrays.equals(certifiersOf(identity), unit.getCertifiersIdentifier().toByteArray())) {
      return Optional.of("The identities do not match");
    }
    return Optional.empty();
  }

  private Optional<String> invalidityOf(Identity identity) {
    return entry(identity.serialized()).invalidity();
  }

  private boolean isListedAdmin(Identity identity) {
    for (byte[] admin : admins) {
      if (identity.sameCertificate(admin)) {
        return true;
      }
    }
    return false;
  }

  private Deserialized entry(ByteString serializedIdentity) {
    Deserialized cached = cache.get(serializedIdentity);
    if (cached != null) {
      return cached;
    }
    Identity identity = Identity.fromSerialized(serializedIdentity);
    if (!identity.mspId().equals(id)) {
      throw new MspException("expected MSP ID " + id + ", received " + identity.mspId());
    }
    Deserialized fresh = new Deserialized(identity, invalidity(identity));
    if (serializedIdentity.size() <= CACHED_IDENTITY_MAX_BYTES) {
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear(); // crude bound: the identities that sign proposals are few
      }
      cache.put(serializedIdentity, fresh);
    }
    return fresh;
  }

  private Optional<String> invalidity(Identity identity) {
    X509Certificate certificate = identity.certificate();
    if (certificate.getBasicConstraints() >= 0) {
      return Optional.of(
          "An X509 certificate with Basic Constraint: Certificate Authority equals true cannot be"
              + " used as an identity");
    }
    List<X509Certificate> chain;
    try {
      chain = chainOf(certificate);
    } catch (MspException e) {
      return Optional.of("could not obtain certification chain: " + e.getMessage());
    }
    if (internalNodes.contains(ByteString.copyFrom(Identity.der(chain.get(1))))) {
      return Optional.of(
          "could not obtain certification chain: invalid validation chain. Parent certificate"
              + " should be a leaf of the certification tree");
    }
    for (X509Certificate link : chain) {
      if (!allowsServerAuth(link)) {
        return Optional.of(
            "could not obtain certification chain: x509: certificate specifies an incompatible key"
                + " usage");
      }
    }
    Optional<String> revoked = revocation(certificate, chain.get(1));
    if (revoked.isPresent()) {
      return revoked;
    }
    byte[] certifiers = hash(chain.subList(1, chain.size()));
    if (!ouIdentifiers.isEmpty()) {
      boolean found =
          ouIdentifiers.stream()
              .anyMatch(
                  ou ->
                      identity.organizationalUnits().contains(ou.ou())
                          && (ou.certifiers() == null
                              || Arrays.equals(ou.certifiers(), certifiers)));
      if (!found) {
        return Optional.of(
            "could not validate identity's OUs: none of the identity's organizational units "
                + identity.organizationalUnits()
                + " are in MSP "
                + id);
      }
    }
    if (nodeOusEnabled) {
      int roles = 0;
      for (NodeOu nodeOu : nodeOus.values()) {
        if (identity.organizationalUnits().contains(nodeOu.ou())) {
          if (nodeOu.certifiers() != null && !Arrays.equals(nodeOu.certifiers(), certifiers)) {
            return Optional.of(
                "could not validate identity's OUs: certifiersIdentifier does not match: "
                    + identity.organizationalUnits()
                    + ", MSP: ["
                    + id
                    + "]");
          }
          roles++;
        }
      }
      if (roles != 1) {
        return Optional.of(
            "could not validate identity's OUs: the identity must have exactly one of the client,"
                + " peer, orderer or admin OU roles, it has "
                + roles
                + ". OUs: "
                + identity.organizationalUnits()
                + ", MSP: ["
                + id
                + "]");
      }
    }
    return Optional.empty();
  }

  /**
   * Fabric verifies chains with Go's {@code x509.Verify} and no key usages, which Go reads as
   * "server authentication": every certificate of the chain that lists extended key usages must
   * list that one or any usage.
   */
  private static boolean allowsServerAuth(X509Certificate certificate) {
    List<String> usages;
    try {
      usages = certificate.getExtendedKeyUsage();
    } catch (java.security.cert.CertificateParsingException e) {
      return false;
    }
    return usages == null
        || usages.contains(SERVER_AUTH)
        || usages.contains(ANY_EXTENDED_KEY_USAGE);
  }

  /**
   * Fabric's revocation check: a CRL whose authority key id is the issuer's subject key id, that
   * lists the certificate's serial number and that the issuer really signed, revokes it.
   */
  private Optional<String> revocation(X509Certificate certificate, X509Certificate issuer) {
    if (revocationLists.isEmpty()) {
      return Optional.empty();
    }
    byte[] issuerKeyId = keyIdentifier(issuer.getExtensionValue(SUBJECT_KEY_IDENTIFIER), true);
    if (issuerKeyId == null) {
      return Optional.of(
          "could not obtain Subject Key Identifier for signer cert: "
              + issuer.getSubjectX500Principal().getName());
    }
    for (X509CRL crl : revocationLists) {
      byte[] authority = keyIdentifier(crl.getExtensionValue(AUTHORITY_KEY_IDENTIFIER), false);
      if (!Arrays.equals(authority, issuerKeyId)
          || crl.getRevokedCertificate(certificate.getSerialNumber()) == null) {
        continue;
      }
      try {
        crl.verify(issuer.getPublicKey());
      } catch (GeneralSecurityException e) {
        log.warn(
            "MSP {}: a CRL naming the issuer's key id is not signed by it: {}", id, e.toString());
        continue;
      }
      return Optional.of("The certificate has been revoked");
    }
    return Optional.empty();
  }

  /** The key id inside a subject (or authority) key identifier extension value, or null. */
  private static byte[] keyIdentifier(byte[] extensionValue, boolean subject) {
    if (extensionValue == null) {
      return null;
    }
    try {
      byte[] inner = ASN1OctetString.getInstance(extensionValue).getOctets();
      return subject
          ? SubjectKeyIdentifier.getInstance(inner).getKeyIdentifier()
          : AuthorityKeyIdentifier.getInstance(inner).getKeyIdentifierObject() == null
              ? null
              : AuthorityKeyIdentifier.getInstance(inner).getKeyIdentifierObject().getOctets();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private List<X509CRL> revocationLists(List<ByteString> pems) {
    List<X509CRL> crls = new ArrayList<>();
    for (ByteString pem : pems) {
      List<Pem.Block> blocks = Pem.decodeAll(pem.toByteArray());
      if (blocks.isEmpty()) {
        throw new MspException("MSP " + id + ": a revocation list is not PEM");
      }
      try {
        crls.add(
            (X509CRL)
                CertificateFactory.getInstance("X.509")
                    .generateCRL(new ByteArrayInputStream(blocks.get(0).der())));
      } catch (CRLException | CertificateException e) {
        throw new MspException("MSP " + id + ": could not parse a revocation list: " + e, e);
      }
    }
    return List.copyOf(crls);
  }

  private byte[] certifiersOf(Identity identity) {
    List<X509Certificate> chain = chainOf(identity.certificate());
    return hash(chain.subList(1, chain.size()));
  }

  /**
   * The chain from {@code certificate} to a root CA, checked as of the certificate's notBefore plus
   * one second, as Fabric does.
   */
  private List<X509Certificate> chainOf(X509Certificate certificate) {
    Date at = new Date(certificate.getNotBefore().getTime() + 1000);
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(certificate);
    X509Certificate current = certificate;
    while (chain.size() <= 10) {
      X509Certificate parent = issuerOf(current, at);
      if (parent == null) {
        throw new MspException(
            "the supplied identity is not valid: x509: certificate signed by unknown authority"
                + " (no CA of MSP "
                + id
                + " issued "
                + current.getSubjectX500Principal().getName()
                + " and was valid at "
                + at.toInstant()
                + ")");
      }
      chain.add(parent);
      if (rootDers.contains(ByteString.copyFrom(Identity.der(parent)))) {
        return chain;
      }
      current = parent;
    }
    throw new MspException("the supplied identity is not valid: certificate chain too long");
  }

  private X509Certificate issuerOf(X509Certificate certificate, Date at) {
    List<X509Certificate> candidates = new ArrayList<>(intermediates);
    candidates.addAll(roots);
    for (X509Certificate candidate : candidates) {
      if (candidate == certificate
          || candidate.getBasicConstraints() < 0
          || !candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
        continue;
      }
      try {
        certificate.verify(candidate.getPublicKey());
        candidate.checkValidity(at);
        return candidate;
      } catch (GeneralSecurityException e) {
        // not this one
      }
    }
    return null;
  }

  private void putNodeOu(MSPRole.MSPRoleType role, boolean present, FabricOUIdentifier ou) {
    if (present && !ou.getOrganizationalUnitIdentifier().isEmpty()) {
      nodeOus.put(
          role, new NodeOu(ou.getOrganizationalUnitIdentifier(), certifiers(ou.getCertificate())));
    }
  }

  /** The certifiers identifier of a CA certificate named in the configuration, or null if none. */
  private byte[] certifiers(ByteString pem) {
    if (pem.isEmpty()) {
      return null;
    }
    X509Certificate ca = Identity.parseCertificate(firstCertificateDer(pem));
    byte[] der = Identity.der(ca);
    if (rootDers.contains(ByteString.copyFrom(der))) {
      return hash(List.of(ca));
    }
    for (X509Certificate intermediate : intermediates) {
      if (Arrays.equals(Identity.der(intermediate), der)) {
        List<X509Certificate> chain = chainOf(intermediate);
        return hash(chain);
      }
    }
    throw new MspException(
        "Failed adding OU. Certificate ["
            + ca.getSubjectX500Principal().getName()
            + "] not in root or intermediate certs of MSP "
            + id);
  }

  private static byte[] hash(List<X509Certificate> chain) {
    MessageDigest sha256 = Ecdsa.sha256();
    chain.forEach(c -> sha256.update(Identity.der(c)));
    return sha256.digest();
  }

  private List<X509Certificate> certificates(List<ByteString> pems, String what) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (ByteString pem : pems) {
      // Only the first certificate of each entry, as Fabric reads them.
      certificates.add(Identity.parseCertificate(firstCertificateDer(pem)));
    }
    return certificates;
  }

  /** The entry's first certificate, in canonical (low-S) form as Fabric's MSP keeps it. */
  private static byte[] firstCertificateDer(ByteString pem) {
    return CanonicalCertificate.of(Pem.decode(pem.toByteArray(), "CERTIFICATE"));
  }

  /** A {@code SerializedIdentity} of this MSP for a PEM certificate (tests, principals). */
  public ByteString serialize(byte[] certificatePem) {
    return SerializedIdentity.newBuilder()
        .setMspid(id)
        .setIdBytes(ByteString.copyFrom(certificatePem))
        .build()
        .toByteString();
  }
}
