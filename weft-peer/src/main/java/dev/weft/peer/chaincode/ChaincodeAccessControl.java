package dev.weft.peer.chaincode;

import com.google.protobuf.ByteString;
import dev.weft.peer.msp.CertificateAuthority;
import dev.weft.peer.msp.Ecdsa;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which chaincode may register as which id when the chaincode listener speaks TLS, as Fabric's
 * {@code core/chaincode/accesscontrol} decides it: the peer has its own chaincode CA (ECDSA P-256,
 * self-signed, made when the peer starts and kept only in memory, so certificates from an earlier
 * run or another peer are worthless), issues each chaincode it launches a client certificate from
 * it ({@link #issue}), and the listener accepts a REGISTER only on a connection whose client
 * certificate was issued for exactly the id in the REGISTER ({@link #guard}).
 *
 * <p>The listener must ask for client certificates and trust only {@link #clientCaCertificatePem()}
 * for them, so that a connection without a certificate, or with one from any other CA, fails its
 * TLS handshake. The chaincode in turn trusts the CA that issued the listener's server certificate,
 * which the credentials carry.
 *
 * <p>Development mode: as in Fabric, a chaincode the peer did not launch has no certificate from
 * this CA and so cannot connect while TLS is on; development-mode chaincode needs {@code
 * peer.tls.enabled=false}.
 */
public final class ChaincodeAccessControl implements ChaincodeCredentials {

  /**
   * Issued certificates are valid from a day before to a day after their issue, as Fabric's {@code
   * tlsgen} makes them; the handshake is the only time they are checked.
   */
  private static final Duration VALIDITY_MARGIN = Duration.ofDays(1);

  private final CertificateAuthority ca;
  private final IssuedCertificates issued;
  private final String listenerRootCertificatePem;
  private final Clock clock;

  private ChaincodeAccessControl(
      CertificateAuthority ca,
      IssuedCertificates issued,
      String listenerRootCertificatePem,
      Clock clock) {
    this.ca = ca;
    this.issued = issued;
    this.listenerRootCertificatePem = listenerRootCertificatePem;
    this.clock = clock;
  }

  /**
   * Makes a new chaincode CA.
   *
   * @param listenerRootCertificatePem PEM of the CA that issued the chaincode listener's server
   *     certificate (the peer's TLS CA), which launched chaincode must trust
   */
  public static ChaincodeAccessControl create(String listenerRootCertificatePem, Clock clock) {
    if (!listenerRootCertificatePem.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException(
          "the chaincode listener's root certificate is not a PEM certificate");
    }
    return new ChaincodeAccessControl(
        CertificateAuthority.create("Weft", "weft-chaincode-ca", clock.instant()),
        new IssuedCertificates(clock),
        listenerRootCertificatePem,
        clock);
  }

  /**
   * A new client certificate and key for {@code chaincodeId}, remembered for ten minutes (Fabric's
   * time): the chaincode must register within that time. Its common name is the chaincode id, for
   * people reading it; the peer goes by the certificate's hash.
   */
  @Override
  public Optional<ChaincodeTlsCredentials> issue(String chaincodeId) {
    if (chaincodeId.isEmpty()) {
      throw new IllegalArgumentException("cannot issue credentials for an empty chaincode id");
    }
    Instant now = clock.instant();
    CertificateAuthority.Issued certificate =
        ca.issue(
            chaincodeId,
            List.of(),
            List.of(),
            CertificateAuthority.Usage.TLS_CLIENT,
            now.minus(VALIDITY_MARGIN),
            VALIDITY_MARGIN.multipliedBy(2));
    issued.record(ByteString.copyFrom(Ecdsa.sha256(certificate.certificateDer())), chaincodeId);
    return Optional.of(
        new ChaincodeTlsCredentials(
            new String(certificate.certificatePem(), StandardCharsets.US_ASCII),
            new String(certificate.privateKeyPem(), StandardCharsets.US_ASCII),
            listenerRootCertificatePem));
  }

  /** PEM of the chaincode CA: the only CA whose client certificates the listener may accept. */
  public String clientCaCertificatePem() {
    return new String(ca.certificate().certificatePem(), StandardCharsets.US_ASCII);
  }

  /**
   * The chaincode support service ({@link ChaincodeSupport#service()}) behind the registration
   * check: a stream whose first message is not a REGISTER for the id its connection's client
   * certificate was issued for is closed with Fabric's reason, and nothing registers.
   */
  public ServerServiceDefinition guard(ServerServiceDefinition chaincodeSupportService) {
    return ServerInterceptors.intercept(
        chaincodeSupportService, new RegistrationAuthentication(issued));
  }
}
