package dev.weft.peer.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.peer.chaincode.ChaincodeAccessControl;
import dev.weft.peer.chaincode.ChaincodeTlsCredentials;
import dev.weft.peer.config.Setting;
import dev.weft.peer.msp.PeerOrgLayout;
import dev.weft.peer.testing.ScriptedChaincode;
import dev.weft.peer.testing.TestNode;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole peer with {@code peer.tls.enabled}: its chaincode listener speaks TLS with the peer's TLS
 * certificate and lets a chaincode register only under the id its client certificate was issued
 * for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaincodeListenerTlsTest {

  private TestNode node;

  @BeforeAll
  void startTlsPeer(@TempDir Path directory) {
    node = TestNode.start(directory, Map.of(Setting.PEER_TLS_ENABLED, "true"));
  }

  @AfterAll
  void stopTlsPeer() {
    node.close();
  }

  @Test
  void aChaincodeRegistersUnderTheIdItsCredentialsWereIssuedFor() {
    ChaincodeTlsCredentials credentials = issue("a:1");
    try (ScriptedChaincode cc = ScriptedChaincode.over(tlsChannel(credentials))) {
      cc.sendRegister("a:1");
      cc.expect(ChaincodeMessage.Type.REGISTERED);
      cc.expect(ChaincodeMessage.Type.READY);
      awaitRegistered("a:1");
    }
  }

  @Test
  void credentialsIssuedForOneChaincodeCannotRegisterAnother() {
    ChaincodeTlsCredentials credentials = issue("x:1");
    try (ScriptedChaincode cc = ScriptedChaincode.over(tlsChannel(credentials))) {
      cc.sendRegister("y:1");
      Status status = cc.awaitClose();
      assertThat(status.getCode()).isEqualTo(Status.Code.UNKNOWN);
      assertThat(status.getDescription())
          .startsWith("Chaincode y:1 with given certificate hash ")
          .contains("belongs to a different chaincode", "issued it for x:1");
      assertThat(cc.poll(Duration.ZERO)).as("no REGISTERED").isNull();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertThat(node.peer().chaincodeSupport().registeredChaincodes()).doesNotContain("x:1", "y:1");
  }

  @Test
  void theFirstMessageMustBeARegister() {
    try (ScriptedChaincode cc = ScriptedChaincode.over(tlsChannel(issue("k:1")))) {
      cc.send(ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.GET_STATE).build());
      Status status = cc.awaitClose();
      assertThat(status.getCode()).isEqualTo(Status.Code.UNKNOWN);
      assertThat(status.getDescription())
          .isEqualTo("First message needs to be a register, not GET_STATE");
    }
  }

  @Test
  void aDevelopmentModeChaincodeWithoutAClientCertificateCannotConnect() {
    // What a chaincode the peer did not launch has: the TLS CA to trust, no certificate.
    try (ScriptedChaincode cc =
        ScriptedChaincode.over(
            tlsChannel(readString(node.peer().tlsCaCertificate()), null, null))) {
      cc.sendRegister("dev:1");
      assertThat(cc.awaitClose().getCode()).isNotEqualTo(Status.Code.OK);
    }
    assertThat(node.peer().chaincodeSupport().registeredChaincodes()).doesNotContain("dev:1");
  }

  @Test
  void aClientCertificateFromThePeersOwnTlsCaIsNotAccepted() {
    PeerOrgLayout layout = node.org().layout();
    Path userTls = layout.userTlsDirectory(layout.userName(1));
    try (ScriptedChaincode cc =
        ScriptedChaincode.over(
            tlsChannel(
                readString(node.peer().tlsCaCertificate()),
                readString(userTls.resolve("client.crt")),
                readString(userTls.resolve("client.key"))))) {
      cc.sendRegister("user:1");
      assertThat(cc.awaitClose().getCode()).isNotEqualTo(Status.Code.OK);
    }
    assertThat(node.peer().chaincodeSupport().registeredChaincodes()).doesNotContain("user:1");
  }

  @Test
  void credentialsFromAnotherPeersChaincodeCaAreNotAccepted() {
    ChaincodeTlsCredentials foreign =
        ChaincodeAccessControl.create(readString(node.peer().tlsCaCertificate()), Clock.systemUTC())
            .issue("z:1")
            .orElseThrow();
    try (ScriptedChaincode cc = ScriptedChaincode.over(tlsChannel(foreign))) {
      cc.sendRegister("z:1");
      assertThat(cc.awaitClose().getCode()).isNotEqualTo(Status.Code.OK);
    }
    assertThat(node.peer().chaincodeSupport().registeredChaincodes()).doesNotContain("z:1");
  }

  @Test
  void aPlaintextChaincodeCannotConnect() {
    InetSocketAddress address = node.peer().chaincodeAddress();
    try (ScriptedChaincode cc = ScriptedChaincode.connect(address)) {
      cc.sendRegister("plain:1");
      assertThat(cc.awaitClose().getCode()).isNotEqualTo(Status.Code.OK);
    }
    assertThat(node.peer().chaincodeSupport().registeredChaincodes()).doesNotContain("plain:1");
  }

  @Test
  void withoutTlsTheListenerIsPlaintextAndNoCredentialsAreIssued(@TempDir Path directory) {
    try (TestNode plain = TestNode.start(directory)) {
      assertThat(plain.peer().chaincodeCredentials().issue("a:1")).isEmpty();
      try (ScriptedChaincode cc =
          ScriptedChaincode.register(plain.peer().chaincodeAddress(), "a:1")) {
        assertThat(cc.isClosed()).isFalse();
        assertThat(plain.peer().chaincodeSupport().registeredChaincodes()).contains("a:1");
      }
    }
  }

  private ChaincodeTlsCredentials issue(String chaincodeId) {
    return node.peer().chaincodeCredentials().issue(chaincodeId).orElseThrow();
  }

  private ManagedChannel tlsChannel(ChaincodeTlsCredentials credentials) {
    return tlsChannel(
        credentials.rootCertificatePem(),
        credentials.clientCertificatePem(),
        credentials.clientKeyPem());
  }

  /** A channel to the chaincode listener as a shim builds it: the root to trust, its own key. */
  private ManagedChannel tlsChannel(String rootPem, String certificatePem, String keyPem) {
    InetSocketAddress address = node.peer().chaincodeAddress();
    try {
      SslContextBuilder ssl = GrpcSslContexts.forClient().trustManager(stream(rootPem));
      if (certificatePem != null) {
        ssl.keyManager(stream(certificatePem), stream(keyPem));
      }
      return NettyChannelBuilder.forAddress(address.getHostString(), address.getPort())
          .sslContext(ssl.build())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitRegistered(String chaincodeId) {
    long deadline = System.nanoTime() + ScriptedChaincode.WAIT.toNanos();
    while (!node.peer().chaincodeSupport().registeredChaincodes().contains(chaincodeId)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(chaincodeId + " did not become ready");
      }
      Thread.onSpinWait();
    }
  }

  private static InputStream stream(String pem) {
    return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
