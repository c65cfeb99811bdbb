package dev.weft.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.peer.chaincode.ChaincodeTlsCredentials;
import dev.weft.peer.config.Setting;
import dev.weft.peer.testing.TestNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Chaincode on each shim, given the credentials a TLS peer issues for it in the files and variables
 * Fabric's launcher uses, registers over the peer's TLS chaincode listener: the credentials are in
 * the form Fabric's Java and Node shims and Weft's shim read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaincodeTlsInteropTest {

  private TestNode node;

  @BeforeAll
  void startTlsPeer(@TempDir Path directory) {
    node = TestNode.start(directory, Map.of(Setting.PEER_TLS_ENABLED, "true"));
  }

  @AfterAll
  void stopTlsPeer() {
    node.close();
  }

  @ParameterizedTest
  @EnumSource(InteropShim.class)
  void aLaunchedChaincodeRegistersOverTlsWithTheCredentialsIssuedForIt(
      InteropShim shim, @TempDir Path files) {
    String chaincodeId = "tls-" + shim.name().toLowerCase().replace('_', '-') + ":1.0";
    ChaincodeTlsCredentials credentials =
        node.peer().chaincodeCredentials().issue(chaincodeId).orElseThrow();
    InetSocketAddress address = node.peer().chaincodeAddress();
    PeerEndpoint endpoint =
        new PeerEndpoint(
            address.getHostString() + ":" + address.getPort(),
            id -> node.peer().chaincodeSupport().registeredChaincodes().contains(id),
            launchEnvironment(credentials, files));

    try (ChaincodeProcess chaincode = shim.start(endpoint, chaincodeId)) {
      assertThat(node.peer().chaincodeSupport().registeredChaincodes()).contains(chaincodeId);
      assertThat(chaincode.isAlive()).isTrue();
    }
  }

  /** The files and variables Fabric's Docker launcher gives chaincode when TLS is on. */
  private static Map<String, String> launchEnvironment(
      ChaincodeTlsCredentials credentials, Path directory) {
    return Map.of(
        "CORE_PEER_TLS_ENABLED",
        "true",
        "CORE_TLS_CLIENT_KEY_PATH",
        write(directory.resolve("client.key"), credentials.clientKeyBase64()),
        "CORE_TLS_CLIENT_CERT_PATH",
        write(directory.resolve("client.crt"), credentials.clientCertificateBase64()),
        "CORE_TLS_CLIENT_KEY_FILE",
        write(directory.resolve("client_pem.key"), credentials.clientKeyPem()),
        "CORE_TLS_CLIENT_CERT_FILE",
        write(directory.resolve("client_pem.crt"), credentials.clientCertificatePem()),
        "CORE_PEER_TLS_ROOTCERT_FILE",
        write(directory.resolve("peer.crt"), credentials.rootCertificatePem()));
  }

  private static String write(Path file, String content) {
    try {
      Files.writeString(file, content);
      return file.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
