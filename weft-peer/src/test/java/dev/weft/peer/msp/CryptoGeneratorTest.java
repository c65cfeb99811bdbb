package dev.weft.peer.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoGeneratorTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:17:40Z");

  @TempDir static Path output;
  private static PeerOrgLayout layout;

  @BeforeAll
  static void generate() {
    layout =
        new CryptoGenerator(Clock.fixed(NOW, ZoneOffset.UTC))
            .generatePeerOrg(output, "org1.example.com", 1, 1);
  }

  @Test
  void theFilesAreWhereAndAsCryptogenNamesThem() {
    Path org = output.resolve("peerOrganizations/org1.example.com");
    assertThat(files(org))
        .containsExactlyInAnyOrder(
            "ca/ca.org1.example.com-cert.pem",
            "ca/priv_sk",
            "tlsca/tlsca.org1.example.com-cert.pem",
            "tlsca/priv_sk",
            "msp/cacerts/ca.org1.example.com-cert.pem",
            "msp/tlscacerts/tlsca.org1.example.com-cert.pem",
            "msp/config.yaml",
            "peers/peer0.org1.example.com/msp/cacerts/ca.org1.example.com-cert.pem",
            "peers/peer0.org1.example.com/msp/tlscacerts/tlsca.org1.example.com-cert.pem",
            "peers/peer0.org1.example.com/msp/config.yaml",
            "peers/peer0.org1.example.com/msp/keystore/priv_sk",
            "peers/peer0.org1.example.com/msp/signcerts/peer0.org1.example.com-cert.pem",
            "peers/peer0.org1.example.com/tls/ca.crt",
            "peers/peer0.org1.example.com/tls/server.crt",
            "peers/peer0.org1.example.com/tls/server.key",
            "users/Admin@org1.example.com/msp/cacerts/ca.org1.example.com-cert.pem",
            "users/Admin@org1.example.com/msp/tlscacerts/tlsca.org1.example.com-cert.pem",
            "users/Admin@org1.example.com/msp/config.yaml",
            "users/Admin@org1.example.com/msp/keystore/priv_sk",
            "users/Admin@org1.example.com/msp/signcerts/Admin@org1.example.com-cert.pem",
            "users/Admin@org1.example.com/tls/ca.crt",
            "users/Admin@org1.example.com/tls/client.crt",
            "users/Admin@org1.example.com/tls/client.key",
            "users/User1@org1.example.com/msp/cacerts/ca.org1.example.com-cert.pem",
            "users/User1@org1.example.com/msp/tlscacerts/tlsca.org1.example.com-cert.pem",
            "users/User1@org1.example.com/msp/config.yaml",
            "users/User1@org1.example.com/msp/keystore/priv_sk",
            "users/User1@org1.example.com/msp/signcerts/User1@org1.example.com-cert.pem",
            "users/User1@org1.example.com/tls/ca.crt",
            "users/User1@org1.example.com/tls/client.crt",
            "users/User1@org1.example.com/tls/client.key");
    assertThat(org.resolve("msp/admincerts")).isEmptyDirectory();
    assertThat(org.resolve("peers/peer0.org1.example.com/msp/admincerts")).isEmptyDirectory();
  }

  @Test
  void theCaCertificateHasCryptogensSubjectExtensionsAndValidity() throws Exception {
    X509Certificate ca = certificate(layout.caDirectory().resolve("ca.org1.example.com-cert.pem"));
    assertThat(ca.getSubjectX500Principal().getName())
        .isEqualTo("CN=ca.org1.example.com,O=org1.example.com,L=San Francisco,ST=California,C=US");
    assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    assertThat(ca.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE); // CA, no path length
    assertThat(ca.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.15", "2.5.29.19");
    // digitalSignature, keyEncipherment, keyCertSign, cRLSign
    assertThat(ca.getKeyUsage())
        .containsExactly(true, false, true, false, false, true, true, false, false);
    assertThat(ca.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1");
    byte[] point =
        SubjectPublicKeyInfo.getInstance(ca.getPublicKey().getEncoded())
            .getPublicKeyData()
            .getOctets();
    assertThat(subjectKeyId(ca)).isEqualTo(Ecdsa.sha256(point));
    assertThat(ca.getNotBefore().toInstant()).isEqualTo(Instant.parse("2026-11-25T10:13:00Z"));
    assertThat(ca.getNotAfter().toInstant())
        .isEqualTo(Instant.parse("2026-11-25T10:13:00Z").plus(Duration.ofDays(3650)));
    assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(Ecdsa.isLowS(ca.getSignature())).isTrue();
    ca.verify(ca.getPublicKey());
  }

  @Test
  void thePeerSigningCertificateCarriesThePeerOuNoOrganizationAndTheCasKeyId() throws Exception {
    X509Certificate ca = certificate(layout.caDirectory().resolve("ca.org1.example.com-cert.pem"));
    X509Certificate peer =
        certificate(
            layout.peerMspDirectory(0).resolve("signcerts/peer0.org1.example.com-cert.pem"));
    assertThat(peer.getSubjectX500Principal().getName())
        .isEqualTo("CN=peer0.org1.example.com,OU=peer,L=San Francisco,ST=California,C=US");
    assertThat(peer.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    assertThat(peer.getBasicConstraints()).isEqualTo(-1);
    assertThat(peer.getKeyUsage()[0]).isTrue();
    assertThat(peer.getKeyUsage()).containsOnlyOnce(true);
    assertThat(peer.getExtendedKeyUsage()).isNull();
    assertThat(peer.getSubjectAlternativeNames()).isNull();
    assertThat(peer.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNull();
    AuthorityKeyIdentifier aki =
        AuthorityKeyIdentifier.getInstance(
            ASN1OctetString.getInstance(
                    peer.getExtensionValue(Extension.authorityKeyIdentifier.getId()))
                .getOctets());
    assertThat(aki.getKeyIdentifierObject().getOctets()).isEqualTo(subjectKeyId(ca));
    peer.verify(ca.getPublicKey());
  }

  @Test
  void usersAndAdminsCarryTheirNodeOus() throws Exception {
    assertThat(
            certificate(
                    layout
                        .userMspDirectory("Admin@org1.example.com")
                        .resolve("signcerts/Admin@org1.example.com-cert.pem"))
                .getSubjectX500Principal()
                .getName())
        .isEqualTo("CN=Admin@org1.example.com,OU=admin,L=San Francisco,ST=California,C=US");
    assertThat(
            certificate(
                    layout
                        .userMspDirectory("User1@org1.example.com")
                        .resolve("signcerts/User1@org1.example.com-cert.pem"))
                .getSubjectX500Principal()
                .getName())
        .isEqualTo("CN=User1@org1.example.com,OU=client,L=San Francisco,ST=California,C=US");
  }

  @Test
  void thePeerTlsCertificateIsForServerAndClientAuthWithTheHostNames() throws Exception {
    X509Certificate tlsCa =
        certificate(layout.tlsCaDirectory().resolve("tlsca.org1.example.com-cert.pem"));
    X509Certificate server = certificate(layout.peerTlsDirectory(0).resolve("server.crt"));
    assertThat(server.getSubjectX500Principal().getName())
        .isEqualTo("CN=peer0.org1.example.com,L=San Francisco,ST=California,C=US");
    assertThat(tlsCa.getSubjectX500Principal().getName())
        .isEqualTo(
            "CN=tlsca.org1.example.com,O=org1.example.com,L=San Francisco,ST=California,C=US");
    server.verify(tlsCa.getPublicKey());
    assertThat(server.getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(server.getKeyUsage()).startsWith(true, false, true);
    List<String> names = new ArrayList<>();
    Collection<List<?>> sans = server.getSubjectAlternativeNames();
    sans.forEach(san -> names.add((String) san.get(1)));
    assertThat(names).containsExactly("peer0.org1.example.com", "peer0", "localhost", "127.0.0.1");
    assertThat(Files.readAllBytes(layout.peerTlsDirectory(0).resolve("ca.crt")))
        .isEqualTo(
            Files.readAllBytes(layout.tlsCaDirectory().resolve("tlsca.org1.example.com-cert.pem")));
  }

  @Test
  void keysArePkcs8PemThatTheJdkReadsAndOnlyTheOwnerMayRead() throws Exception {
    Path key = layout.peerMspDirectory(0).resolve("keystore/priv_sk");
    String pem = Files.readString(key);
    assertThat(pem)
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END PRIVATE KEY-----\n");
    ECPrivateKey jdkKey =
        (ECPrivateKey)
            KeyFactory.getInstance("EC")
                .generatePrivate(
                    new PKCS8EncodedKeySpec(Pem.decode(pem.getBytes(), "PRIVATE KEY")));
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(jdkKey);
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(
        certificate(layout.peerMspDirectory(0).resolve("signcerts/peer0.org1.example.com-cert.pem"))
            .getPublicKey());
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signature)).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void configYamlEnablesNodeOusAgainstTheCaCertificate() throws Exception {
    assertThat(Files.readString(layout.mspDirectory().resolve("config.yaml")))
        .isEqualTo(
            """
            NodeOUs:
              Enable: true
              ClientOUIdentifier:
                Certificate: cacerts/ca.org1.example.com-cert.pem
                OrganizationalUnitIdentifier: client
              PeerOUIdentifier:
                Certificate: cacerts/ca.org1.example.com-cert.pem
                OrganizationalUnitIdentifier: peer
              AdminOUIdentifier:
                Certificate: cacerts/ca.org1.example.com-cert.pem
                OrganizationalUnitIdentifier: admin
              OrdererOUIdentifier:
                Certificate: cacerts/ca.org1.example.com-cert.pem
                OrganizationalUnitIdentifier: orderer
            """);
  }

  @Test
  void generatingAnOrganizationThatExistsFailsAndChangesNothing() throws Exception {
    byte[] before = Files.readAllBytes(layout.caDirectory().resolve("priv_sk"));
    assertThatThrownBy(
            () ->
                new CryptoGenerator(Clock.systemUTC())
                    .generatePeerOrg(output, "org1.example.com", 1, 1))
        .isInstanceOf(MspException.class)
        .hasMessageContaining("already exists");
    assertThat(Files.readAllBytes(layout.caDirectory().resolve("priv_sk"))).isEqualTo(before);
  }

  static X509Certificate certificate(Path file) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
  }

  private static byte[] subjectKeyId(X509Certificate cert) {
    byte[] ext = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    return ASN1OctetString.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getOctets();
  }

  private static List<String> files(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
