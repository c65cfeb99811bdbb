package dev.weft.peer.msp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * A certificate authority as Fabric's cryptogen makes one: a self-signed P-256 CA whose
 * certificates have cryptogen's subjects, extensions and validity (from 5 minutes before now,
 * rounded to the minute, for 10 years).
 */
public final class CertificateAuthority {

  /** The key usages cryptogen gives certificates. */
  public enum Usage {
    /** signcerts: digital signature, no extended key usage. */
    SIGNING,
    /** TLS: digital signature and key encipherment, server and client auth. */
    TLS,
    /**
     * TLS client only: digital signature and key encipherment, client auth, as Fabric's {@code
     * tlsgen} issues chaincode's client certificates.
     */
    TLS_CLIENT
  }

  /** A certificate and its private key. */
  public record Issued(byte[] certificateDer, ECPrivateKeyParameters privateKey) {

    public byte[] certificatePem() {
      return Pem.encode("CERTIFICATE", certificateDer);
    }

    /** The key as PKCS#8 PEM ({@code PRIVATE KEY}), as cryptogen writes {@code priv_sk}. */
    public byte[] privateKeyPem() {
      return CertificateAuthority.pkcs8Pem(privateKey);
    }
  }

  private static final Duration VALIDITY = Duration.ofDays(3650);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final X500Name subject;
  private final Issued ca;
  private final byte[] subjectKeyId;

  private CertificateAuthority(String name, X500Name subject, Issued ca, byte[] subjectKeyId) {
    this.name = name;
    this.subject = subject;
    this.ca = ca;
    this.subjectKeyId = subjectKeyId;
  }

  /**
   * A new CA named {@code commonName} for organisation {@code organization}, valid from {@code
   * now}.
   */
  public static CertificateAuthority create(String organization, String commonName, Instant now) {
    AsymmetricCipherKeyPair keys = newKeyPair();
    ECPrivateKeyParameters privateKey = (ECPrivateKeyParameters) keys.getPrivate();
    ECPublicKeyParameters publicKey = (ECPublicKeyParameters) keys.getPublic();
    X500Name subject = name(organization, List.of(), commonName);
    // RFC 7093 method 4, as cryptogen before Fabric 3.0 (3.x hashes the private key instead).
    byte[] ski = Ecdsa.sha256(publicKey.getQ().getEncoded(false));
    Instant notBefore = notBefore(now);
    X509v3CertificateBuilder builder =
        new X509v3CertificateBuilder(
            subject,
            serialNumber(),
            Date.from(notBefore),
            Date.from(notBefore.plus(VALIDITY)),
            subject,
            publicKeyInfo(publicKey));
    try {
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(
              KeyUsage.digitalSignature
                  | KeyUsage.keyEncipherment
                  | KeyUsage.keyCertSign
                  | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(ski));
    } catch (CertIOException e) {
      throw new UncheckedIOException(e);
    }
    X509CertificateHolder holder = builder.build(new LowSContentSigner(privateKey));
    return new CertificateAuthority(
        commonName, subject, new Issued(encoded(holder), privateKey), ski);
  }

  /** Loads a CA written by {@link CryptoGenerator}: {@code <name>-cert.pem} and {@code priv_sk}. */
  public static CertificateAuthority load(Path directory) {
    List<Path> files = MspFolder.files(directory);
    Path certFile =
        files.stream()
            .filter(p -> p.getFileName().toString().endsWith("-cert.pem"))
            .findFirst()
            .orElseThrow(() -> new MspException("no CA certificate in " + directory));
    byte[] der = Pem.decode(MspFolder.read(certFile), "CERTIFICATE");
    ECPrivateKeyParameters key =
        SigningIdentity.privateKey(MspFolder.read(directory.resolve("priv_sk")), directory);
    if (key == null) {
      throw new MspException("no private key in " + directory.resolve("priv_sk"));
    }
    X509CertificateHolder holder;
    try {
      holder = new X509CertificateHolder(der);
    } catch (IOException e) {
      throw new MspException("cannot parse " + certFile, e);
    }
    String fileName = certFile.getFileName().toString();
    return new CertificateAuthority(
        fileName.substring(0, fileName.length() - "-cert.pem".length()),
        holder.getSubject(),
        new Issued(der, key),
        subjectKeyId(holder));
  }

  /** The CA certificate's key id, or the RFC 7093 one of its key if it has none. */
  private static byte[] subjectKeyId(X509CertificateHolder holder) {
    SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(holder.getExtensions());
    return ski != null
        ? ski.getKeyIdentifier()
        : Ecdsa.sha256(holder.getSubjectPublicKeyInfo().getPublicKeyData().getOctets());
  }

  /** The CA's name, its certificate's common name. */
  public String name() {
    return name;
  }

  /** The CA's own certificate and key. */
  public Issued certificate() {
    return ca;
  }

  /**
   * Issues a certificate for a new key, with cryptogen's subject ({@code C, ST, L, OU..., CN}; no
   * O) and the given usage, valid from {@code notBefore} for {@code validity}. Subject alternative
   * names are IP addresses when they parse as one, DNS names otherwise.
   */
  public Issued issue(
      String commonName,
      List<String> organizationalUnits,
      List<String> alternativeNames,
      Usage usage,
      Instant notBefore,
      Duration validity) {
    AsymmetricCipherKeyPair keys = newKeyPair();
    X509v3CertificateBuilder builder =
        new X509v3CertificateBuilder(
            subject,
            serialNumber(),
            Date.from(notBefore),
            Date.from(notBefore.plus(validity)),
            name(null, organizationalUnits, commonName),
            publicKeyInfo((ECPublicKeyParameters) keys.getPublic()));
    try {
      if (usage == Usage.SIGNING) {
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      } else {
        builder.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(
                usage == Usage.TLS_CLIENT
                    ? new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}
                    : new KeyPurposeId[] {
                      KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                    }));
      }
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(subjectKeyId));
      if (!alternativeNames.isEmpty()) {
        GeneralName[] names =
            alternativeNames.stream()
                .map(
                    n ->
                        isIpAddress(n)
                            ? new GeneralName(GeneralName.iPAddress, n)
                            : new GeneralName(GeneralName.dNSName, n))
                .toArray(GeneralName[]::new);
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
    } catch (CertIOException e) {
      throw new UncheckedIOException(e);
    }
    X509CertificateHolder holder = builder.build(new LowSContentSigner(ca.privateKey()));
    return new Issued(encoded(holder), (ECPrivateKeyParameters) keys.getPrivate());
  }

  /**
   * A certificate revocation list (PEM {@code X509 CRL}) revoking {@code serialNumbers} as of
   * {@code now}, with this CA's key id as its authority key id, as Fabric CA writes one for an
   * MSP's {@code crls} folder.
   */
  public byte[] revocationList(List<BigInteger> serialNumbers, Instant now) {
    X509v2CRLBuilder builder = new X509v2CRLBuilder(subject, Date.from(now));
    builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
    for (BigInteger serial : serialNumbers) {
      builder.addCRLEntry(serial, Date.from(now), CRLReason.unspecified);
    }
    try {
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(subjectKeyId));
      return Pem.encode(
          "X509 CRL", builder.build(new LowSContentSigner(ca.privateKey())).getEncoded());
    } catch (IOException e) {
      throw new MspException("cannot encode a revocation list", e);
    }
  }

  /** Issues a certificate with cryptogen's validity: from {@code now} rounded, for 10 years. */
  public Issued issue(
      String commonName,
      List<String> organizationalUnits,
      List<String> alternativeNames,
      Usage usage,
      Instant now) {
    return issue(
        commonName, organizationalUnits, alternativeNames, usage, notBefore(now), VALIDITY);
  }

  /** Go's {@code time.Round(time.Minute)} minus 5 minutes, as cryptogen backdates. */
  static Instant notBefore(Instant now) {
    Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
    if (Duration.between(minute, now).compareTo(Duration.ofSeconds(30)) >= 0) {
      minute = minute.plus(Duration.ofMinutes(1));
    }
    return minute.minus(Duration.ofMinutes(5));
  }

  static byte[] pkcs8Pem(ECPrivateKeyParameters key) {
    try {
      return Pem.encode(
          "PRIVATE KEY", PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AsymmetricCipherKeyPair newKeyPair() {
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(Ecdsa.P256, RANDOM));
    return generator.generateKeyPair();
  }

  /**
   * A subject as Go's {@code pkix.Name} orders and encodes it: C, ST, L, O, OU..., CN; strings
   * printable as PrintableString are encoded so, others as UTF8String.
   */
  private static X500Name name(String organization, List<String> units, String commonName) {
    java.util.List<RDN> rdns = new java.util.ArrayList<>();
    rdns.add(rdn(BCStyle.C, "US"));
    rdns.add(rdn(BCStyle.ST, "California"));
    rdns.add(rdn(BCStyle.L, "San Francisco"));
    if (organization != null) {
      rdns.add(rdn(BCStyle.O, organization));
    }
    for (String unit : units) {
      rdns.add(rdn(BCStyle.OU, unit));
    }
    rdns.add(rdn(BCStyle.CN, commonName));
    return new X500Name(rdns.toArray(RDN[]::new));
  }

  private static RDN rdn(ASN1ObjectIdentifier type, String value) {
    return new RDN(
        type,
        DERPrintableString.isPrintableString(value)
            ? new DERPrintableString(value)
            : new DERUTF8String(value));
  }

  private static SubjectPublicKeyInfo publicKeyInfo(ECPublicKeyParameters key) {
    try {
      return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BigInteger serialNumber() {
    // Go's cryptogen: a random number below 2^128.
    BigInteger serial;
    do {
      serial = new BigInteger(128, RANDOM);
    } while (serial.signum() == 0);
    return serial;
  }

  private static byte[] encoded(X509CertificateHolder holder) {
    try {
      return holder.getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isIpAddress(String name) {
    return name.matches("\\d{1,3}(\\.\\d{1,3}){3}")
        || (name.contains(":") && name.matches("[0-9a-fA-F:.]+"));
  }
}
