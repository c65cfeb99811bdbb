package dev.weft.peer.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.ledger.Ledgers;
import dev.weft.peer.metrics.MetricsRegistry;
import dev.weft.peer.msp.CertificateAuthority;
import dev.weft.peer.testing.ScriptedChaincode;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChaincodeAccessControlTest {

  /** A clock a test moves forward by hand. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private final MovableClock clock = new MovableClock();
  private final CertificateAuthority tlsCa =
      CertificateAuthority.create("Org1", "tlsca.org1.example.com", Instant.now());
  private final String tlsCaPem =
      new String(tlsCa.certificate().certificatePem(), StandardCharsets.US_ASCII);
  private final ChaincodeAccessControl access = ChaincodeAccessControl.create(tlsCaPem, clock);
  private ChaincodeSupport support;
  private Server server;

  @BeforeEach
  void startTlsListener() throws IOException {
    support =
        new ChaincodeSupport(
            PeerConfig.defaults().chaincode(), new Ledgers(), new MetricsRegistry());
    CertificateAuthority.Issued serverCertificate =
        tlsCa.issue(
            "peer0.org1.example.com",
            List.of(),
            List.of("localhost", "127.0.0.1"),
            CertificateAuthority.Usage.TLS,
            Instant.now());
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(access.guard(support.service()))
            .sslContext(
                GrpcSslContexts.forServer(
                        new ByteArrayInputStream(serverCertificate.certificatePem()),
                        new ByteArrayInputStream(serverCertificate.privateKeyPem()))
                    .trustManager(stream(access.clientCaCertificatePem()))
                    .clientAuth(ClientAuth.REQUIRE)
                    .build())
            .build()
            .start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    support.close();
  }

  @Test
  void credentialsAreAClientCertificateFromTheChaincodeCaNamedForTheChaincodeAndItsKey()
      throws Exception {
    ChaincodeTlsCredentials credentials = access.issue("asset:1.0").orElseThrow();

    X509Certificate certificate = certificate(credentials.clientCertificatePem());
    certificate.verify(certificate(access.clientCaCertificatePem()).getPublicKey());
    certificate.checkValidity();
    assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=asset:1.0");
    assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");

    assertThat(credentials.clientKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(privateKey(credentials.clientKeyPem()));
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(certificate);
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signature)).as("the key belongs to the certificate").isTrue();

    assertThat(credentials.rootCertificatePem()).isEqualTo(tlsCaPem);
    assertThat(credentials.toString()).doesNotContain("PRIVATE");
  }

  @Test
  void eachLaunchGetsItsOwnCertificate() {
    assertThat(access.issue("asset:1.0").orElseThrow().clientCertificatePem())
        .isNotEqualTo(access.issue("asset:1.0").orElseThrow().clientCertificatePem());
  }

  @Test
  void anEmptyChaincodeIdGetsNoCredentials() {
    assertThatThrownBy(() -> access.issue(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty chaincode id");
  }

  @Test
  void aChaincodeRegistersWithinTenMinutesOfItsLaunch() {
    ChaincodeTlsCredentials credentials = access.issue("asset:1.0").orElseThrow();
    clock.advance(Duration.ofMinutes(9));
    try (ScriptedChaincode cc = ScriptedChaincode.over(channel(credentials))) {
      cc.sendRegister("asset:1.0");
      cc.expect(ChaincodeMessage.Type.REGISTERED);
      cc.expect(ChaincodeMessage.Type.READY);
    }
  }

  @Test
  void aCertificateIsForgottenTenMinutesAfterItWasIssued() {
    ChaincodeTlsCredentials credentials = access.issue("asset:1.0").orElseThrow();
    clock.advance(Duration.ofMinutes(10));
    try (ScriptedChaincode cc = ScriptedChaincode.over(channel(credentials))) {
      cc.sendRegister("asset:1.0");
      Status status = cc.awaitClose();
      assertThat(status.getCode()).isEqualTo(Status.Code.UNKNOWN);
      assertThat(status.getDescription())
          .startsWith("Chaincode asset:1.0 with given certificate hash ")
          .contains("not found in registry");
    }
    assertThat(support.registeredChaincodes()).isEmpty();
  }

  private ManagedChannel channel(ChaincodeTlsCredentials credentials) {
    try {
      return NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
          .sslContext(
              GrpcSslContexts.forClient()
                  .trustManager(stream(credentials.rootCertificatePem()))
                  .keyManager(
                      stream(credentials.clientCertificatePem()),
                      stream(credentials.clientKeyPem()))
                  .build())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(stream(pem));
  }

  private static PrivateKey privateKey(String pem) throws Exception {
    String body =
        pem.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("EC")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
  }

  private static InputStream stream(String pem) {
    return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
  }
}
