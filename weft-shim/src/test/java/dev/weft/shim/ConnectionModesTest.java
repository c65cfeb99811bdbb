package dev.weft.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionModesTest {

  @TempDir Path dir;

  private static final Chaincode ECHO = stub -> Response.success(stub.getFunction());

  @Test
  void asAClientTheChaincodeRegistersOverMutualTlsWithThePeersBase64KeyFiles() throws Exception {
    TestCertificates certs = TestCertificates.create(dir, "tlsca");
    // The peer's launcher writes the client key and certificate base64-encoded.
    Path keyPath = dir.resolve("client_pk");
    Path certPath = dir.resolve("client_cert");
    Files.writeString(
        keyPath, Base64.getEncoder().encodeToString(Files.readAllBytes(certs.clientKey)));
    Files.writeString(
        certPath, Base64.getEncoder().encodeToString(Files.readAllBytes(certs.clientCert)));
    try (ScriptedPeer peer =
        ScriptedPeer.listen(
            builder ->
                builder.sslContext(sslServer(certs.serverCert, certs.serverKey, certs.caCert)))) {
      Map<String, String> env = new HashMap<>();
      env.put("CORE_CHAINCODE_ID_NAME", "tlscc:1.0");
      env.put("CORE_PEER_ADDRESS", peer.address());
      env.put("CORE_PEER_TLS_ENABLED", "true");
      env.put("CORE_PEER_TLS_ROOTCERT_FILE", certs.caCert.toString());
      env.put("CORE_TLS_CLIENT_KEY_PATH", keyPath.toString());
      env.put("CORE_TLS_CLIENT_CERT_PATH", certPath.toString());
      try (ShimRuntime runtime = ShimRuntime.start(ShimSettings.from(env, new String[0]), ECHO)) {
        peer.acceptRegistration("tlscc:1.0", null);
        runtime.clientHandler().ready().join();
        peer.startTransaction("tx1", "hello");
        assertThat(peer.completed("tx1").getPayload().toStringUtf8()).isEqualTo("hello");
      }
    }
  }

  @Test
  void asAServerTheChaincodeRegistersWithAPeerThatDialsItOverMutualTls() throws Exception {
    TestCertificates certs = TestCertificates.create(dir, "tlsca");
    Map<String, String> env = new HashMap<>();
    env.put("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:0");
    env.put("CHAINCODE_ID", "basic_1.0:abc");
    env.put("CHAINCODE_TLS_DISABLED", "false");
    env.put("CHAINCODE_TLS_KEY", certs.serverKey.toString());
    env.put("CHAINCODE_TLS_CERT", certs.serverCert.toString());
    env.put("CHAINCODE_CLIENT_CA_CERT", certs.caCert.toString());
    try (ShimRuntime runtime = ShimRuntime.start(ShimSettings.from(env, new String[0]), ECHO);
        ScriptedPeer peer =
            ScriptedPeer.dial(tlsChannel(runtime, certs, certs.clientCert, certs.clientKey))) {
      peer.acceptRegistration("basic_1.0:abc", null);
      peer.startTransaction("tx1", "served");
      assertThat(peer.completed("tx1").getPayload().toStringUtf8()).isEqualTo("served");
    }
  }

  @Test
  void aServerWithAClientCaRefusesAPeerWithoutACertificate() throws Exception {
    TestCertificates certs = TestCertificates.create(dir, "tlsca");
    Map<String, String> env = new HashMap<>();
    env.put("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:0");
    env.put("CHAINCODE_ID", "cc");
    env.put("CHAINCODE_TLS_DISABLED", "false");
    env.put("CHAINCODE_TLS_KEY", certs.serverKey.toString());
    env.put("CHAINCODE_TLS_CERT", certs.serverCert.toString());
    env.put("CHAINCODE_CLIENT_CA_CERT", certs.caCert.toString());
    try (ShimRuntime runtime = ShimRuntime.start(ShimSettings.from(env, new String[0]), ECHO);
        ScriptedPeer peer = ScriptedPeer.dial(tlsChannel(runtime, certs, null, null))) {
      assertThat(peer.endedByChaincode()).as("the TLS handshake fails and the call ends").isTrue();
    }
  }

  @Test
  void aPlaintextServerServesAPeerThatDialsIt() {
    Map<String, String> env =
        Map.of("CHAINCODE_SERVER_ADDRESS", "127.0.0.1:0", "CHAINCODE_ID", "cc");
    try (ShimRuntime runtime = ShimRuntime.start(ShimSettings.from(env, new String[0]), ECHO);
        ScriptedPeer peer =
            ScriptedPeer.dial(
                NettyChannelBuilder.forAddress("127.0.0.1", runtime.server().address().getPort())
                    .usePlaintext()
                    .build())) {
      peer.acceptRegistration("cc", null);
      peer.send(
          org.hyperledger.fabric.protos.peer.ChaincodeMessage.newBuilder()
              .setType(Type.KEEPALIVE)
              .build());
      assertThat(peer.receive().getType()).isEqualTo(Type.KEEPALIVE);
    }
  }

  @Test
  void tlsWithoutItsFilesIsRefusedNamingTheMissingVariable() {
    Map<String, String> env =
        Map.of(
            "CORE_CHAINCODE_ID_NAME", "cc",
            "CORE_PEER_ADDRESS", "127.0.0.1:7052",
            "CORE_PEER_TLS_ENABLED", "true");
    assertThatThrownBy(() -> ShimSettings.from(env, new String[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CORE_TLS_CLIENT_KEY_PATH is not set");
  }

  private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslServer(
      Path cert, Path key, Path clientCa) {
    try {
      return GrpcSslContexts.forServer(cert.toFile(), key.toFile())
          .trustManager(clientCa.toFile())
          .clientAuth(ClientAuth.REQUIRE)
          .build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ManagedChannel tlsChannel(
      ShimRuntime runtime, TestCertificates certs, Path clientCert, Path clientKey) {
    try {
      var ssl = GrpcSslContexts.forClient().trustManager(certs.caCert.toFile());
      if (clientCert != null) {
        ssl.keyManager(clientCert.toFile(), clientKey.toFile());
      }
      return NettyChannelBuilder.forAddress("127.0.0.1", runtime.server().address().getPort())
          .negotiationType(NegotiationType.TLS)
          .sslContext(ssl.build())
          .build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
