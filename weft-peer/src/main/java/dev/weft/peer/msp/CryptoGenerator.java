package dev.weft.peer.msp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;

/**
 * Writes a peer organisation's crypto material in the layout, file names and certificate contents
 * of Fabric's {@code cryptogen generate} with NodeOUs enabled (peers get OU {@code peer}, the admin
 * {@code admin}, users {@code client}), so that Fabric's tools and SDKs read it unchanged:
 *
 * <pre>
 * peerOrganizations/&lt;domain&gt;/
 *   ca/       ca.&lt;domain&gt;-cert.pem, priv_sk
 *   tlsca/    tlsca.&lt;domain&gt;-cert.pem, priv_sk
 *   msp/      admincerts/ cacerts/ tlscacerts/ config.yaml
 *   peers/peer0.&lt;domain&gt;/{msp,tls}
 *   users/Admin@&lt;domain&gt;/{msp,tls}, users/User1@&lt;domain&gt;/{msp,tls}
 * </pre>
 *
 * Used by the peer's first start, by tests, and by {@code weft crypto generate}.
 */
public final class CryptoGenerator {

  private final Clock clock;

  public CryptoGenerator(Clock clock) {
    this.clock = clock;
  }

  /**
   * Generates an organisation with one peer, an admin and {@code users} client users under {@code
   * output}; fails if the organisation's folder already exists.
   */
  public PeerOrgLayout generatePeerOrg(Path output, String domain, int peers, int users) {
    PeerOrgLayout layout = new PeerOrgLayout(output, domain);
    if (Files.exists(layout.orgDirectory())) {
      throw new MspException(
          "crypto material for " + domain + " already exists in " + layout.orgDirectory());
    }
    CertificateAuthority ca = CertificateAuthority.create(domain, "ca." + domain, clock.instant());
    CertificateAuthority tlsCa =
        CertificateAuthority.create(domain, "tlsca." + domain, clock.instant());
    writeCa(layout.caDirectory(), ca);
    writeCa(layout.tlsCaDirectory(), tlsCa);
    writeVerifyingMsp(layout.mspDirectory(), ca, tlsCa);
    for (int i = 0; i < peers; i++) {
      String name = layout.peerName(i);
      writeLocalMsp(
          layout.orgDirectory().resolve("peers").resolve(name),
          name,
          "peer",
          // As cryptogen, plus the loopback names: a local peer is reached at 127.0.0.1.
          List.of(name, "peer" + i, "localhost", "127.0.0.1"),
          "server",
          ca,
          tlsCa);
    }
    for (int i = 1; i <= users; i++) {
      String name = layout.userName(i);
      writeLocalMsp(
          layout.orgDirectory().resolve("users").resolve(name),
          name,
          "client",
          List.of(),
          "client",
          ca,
          tlsCa);
    }
    String admin = layout.adminName();
    writeLocalMsp(
        layout.orgDirectory().resolve("users").resolve(admin),
        admin,
        "admin",
        List.of(),
        "client",
        ca,
        tlsCa);
    return layout;
  }

  private void writeLocalMsp(
      Path nodeDirectory,
      String name,
      String nodeOu,
      List<String> alternativeNames,
      String tlsPrefix,
      CertificateAuthority ca,
      CertificateAuthority tlsCa) {
    Path msp = nodeDirectory.resolve("msp");
    Path tls = nodeDirectory.resolve("tls");
    writeVerifyingMsp(msp, ca, tlsCa);
    CertificateAuthority.Issued signing =
        ca.issue(
            name, List.of(nodeOu), List.of(), CertificateAuthority.Usage.SIGNING, clock.instant());
    write(msp.resolve("signcerts").resolve(name + "-cert.pem"), signing.certificatePem());
    writeKey(msp.resolve("keystore").resolve("priv_sk"), signing.privateKeyPem());
    CertificateAuthority.Issued tlsCert =
        tlsCa.issue(
            name, List.of(), alternativeNames, CertificateAuthority.Usage.TLS, clock.instant());
    write(tls.resolve("ca.crt"), tlsCa.certificate().certificatePem());
    write(tls.resolve(tlsPrefix + ".crt"), tlsCert.certificatePem());
    writeKey(tls.resolve(tlsPrefix + ".key"), tlsCert.privateKeyPem());
  }

  private static void writeVerifyingMsp(
      Path msp, CertificateAuthority ca, CertificateAuthority tlsCa) {
    createDirectories(msp.resolve("admincerts"));
    String caFile = ca.name() + "-cert.pem";
    write(msp.resolve("cacerts").resolve(caFile), ca.certificate().certificatePem());
    write(
        msp.resolve("tlscacerts").resolve(tlsCa.name() + "-cert.pem"),
        tlsCa.certificate().certificatePem());
    write(msp.resolve("config.yaml"), nodeOusConfig("cacerts/" + caFile));
  }

  private static void writeCa(Path directory, CertificateAuthority ca) {
    write(directory.resolve(ca.name() + "-cert.pem"), ca.certificate().certificatePem());
    writeKey(directory.resolve("priv_sk"), ca.certificate().privateKeyPem());
  }

  /** The config.yaml cryptogen writes with NodeOUs enabled. */
  static byte[] nodeOusConfig(String caFile) {
    StringBuilder yaml = new StringBuilder("NodeOUs:\n  Enable: true\n");
    for (String[] ou :
        new String[][] {
          {"ClientOUIdentifier", "client"},
          {"PeerOUIdentifier", "peer"},
          {"AdminOUIdentifier", "admin"},
          {"OrdererOUIdentifier", "orderer"}
        }) {
      yaml.append("  ")
          .append(ou[0])
          .append(":\n    Certificate: ")
          .append(caFile)
          .append("\n    OrganizationalUnitIdentifier: ")
          .append(ou[1])
          .append('\n');
    }
    return yaml.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(Path file, byte[] content) {
    try {
      createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new MspException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void writeKey(Path file, byte[] content) {
    write(file, content);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: keep its default permissions
    } catch (IOException e) {
      throw new MspException("cannot restrict the permissions of " + file, e);
    }
  }

  private static void createDirectories(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new MspException("cannot create " + directory + ": " + e.getMessage(), e);
    }
  }
}
