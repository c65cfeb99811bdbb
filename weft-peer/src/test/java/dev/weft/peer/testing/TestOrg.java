package dev.weft.peer.testing;

import dev.weft.peer.channel.Organization;
import dev.weft.peer.msp.CertificateAuthority;
import dev.weft.peer.msp.CryptoGenerator;
import dev.weft.peer.msp.Identity;
import dev.weft.peer.msp.Msp;
import dev.weft.peer.msp.MspFolder;
import dev.weft.peer.msp.PeerOrgLayout;
import dev.weft.peer.msp.SigningIdentity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An organisation's crypto material generated for a test in cryptogen's layout, with its MSP id,
 * and helpers to get its identities.
 *
 * @param layout where the material is
 * @param mspId the organisation's MSP id
 */
public record TestOrg(PeerOrgLayout layout, String mspId) {

  /** Generates {@code domain} (one peer, an admin, one user) under {@code directory}. */
  public static TestOrg generate(Path directory, String domain, String mspId) {
    return new TestOrg(
        new CryptoGenerator(Clock.systemUTC()).generatePeerOrg(directory, domain, 1, 1), mspId);
  }

  public SigningIdentity peer() {
    return SigningIdentity.load(layout.peerMspDirectory(0), mspId);
  }

  public SigningIdentity admin() {
    return SigningIdentity.load(layout.userMspDirectory(layout.adminName()), mspId);
  }

  public SigningIdentity user() {
    return SigningIdentity.load(layout.userMspDirectory(layout.userName(1)), mspId);
  }

  /** The organisation's verifying MSP, as a channel would carry it. */
  public Msp msp() {
    return Msp.fromConfig(MspFolder.read(layout.mspDirectory(), mspId));
  }

  public Organization organization() {
    return new Organization(mspId, MspFolder.read(layout.mspDirectory(), mspId));
  }

  public CertificateAuthority ca() {
    return CertificateAuthority.load(layout.caDirectory());
  }

  /** A client identity issued by this organisation's CA with the given validity. */
  public SigningIdentity client(String name, Instant notBefore, Duration validity) {
    return issued(name, List.of("client"), notBefore, validity);
  }

  /**
   * A client identity that has expired: issued one minute after the CA's own notBefore (the CA must
   * have been valid then) for one minute. Cryptogen backdates CAs by 5 minutes, so it is expired.
   */
  public SigningIdentity expiredClient(String name) {
    Instant caStart =
        Identity.fromPem(mspId, ca().certificate().certificatePem())
            .certificate()
            .getNotBefore()
            .toInstant();
    return client(name, caStart.plus(Duration.ofMinutes(1)), Duration.ofMinutes(1));
  }

  /** An identity issued by this organisation's CA with the given OUs and validity. */
  public SigningIdentity issued(
      String name, List<String> organizationalUnits, Instant notBefore, Duration validity) {
    CertificateAuthority.Issued issued =
        ca().issue(
                name,
                organizationalUnits,
                List.of(),
                CertificateAuthority.Usage.SIGNING,
                notBefore,
                validity);
    return new SigningIdentity(
        Identity.fromPem(mspId, issued.certificatePem()), issued.privateKey());
  }
}
