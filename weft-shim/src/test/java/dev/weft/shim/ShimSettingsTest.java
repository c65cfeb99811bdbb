package dev.weft.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShimSettingsTest {

  @Test
  void clientModeReadsFabricsEnvironmentVariables() {
    ShimSettings settings =
        ShimSettings.from(
            Map.of(
                "CORE_CHAINCODE_ID_NAME", "mycc:1.0",
                "CORE_PEER_ADDRESS", "peer0.org1:7052",
                "CORE_PEER_LOCALMSPID", "Org1MSP"),
            new String[0]);
    assertThat(settings)
        .isEqualTo(new ShimSettings("mycc:1.0", "peer0.org1:7052", "", "Org1MSP", null));
    assertThat(settings.isServer()).isFalse();
  }

  @Test
  void theArgumentsOtherShimsAcceptOverrideTheEnvironment() {
    Map<String, String> env = Map.of("CORE_CHAINCODE_ID_NAME", "env", "CORE_PEER_ADDRESS", "a:1");
    assertThat(ShimSettings.from(env, new String[] {"--peerAddress", "b:2", "-i", "arg"}))
        .extracting(ShimSettings::peerAddress, ShimSettings::chaincodeId)
        .containsExactly("b:2", "arg");
    assertThat(ShimSettings.from(env, new String[] {"-a", "c:3"}).peerAddress()).isEqualTo("c:3");
    assertThat(ShimSettings.from(env, new String[] {"--peer.address=d:4"}).peerAddress())
        .isEqualTo("d:4");
    assertThat(ShimSettings.from(env, new String[] {"-peer.address", "e:5"}).peerAddress())
        .isEqualTo("e:5");
  }

  @Test
  void serverModeIsSelectedByTheServerAddressAndReadsTheChaincodeId() {
    ShimSettings settings =
        ShimSettings.from(
            Map.of("CHAINCODE_SERVER_ADDRESS", "0.0.0.0:9999", "CHAINCODE_ID", "basic_1.0:abc"),
            new String[0]);
    assertThat(settings.isServer()).isTrue();
    assertThat(settings.chaincodeId()).isEqualTo("basic_1.0:abc");
    assertThat(settings.tls()).isNull();
  }

  @Test
  void aMissingIdOrAddressIsAnErrorThatSaysWhatToSet() {
    assertThatThrownBy(() -> ShimSettings.from(Map.of("CORE_PEER_ADDRESS", "a:1"), new String[0]))
        .hasMessageContaining("CORE_CHAINCODE_ID_NAME");
    assertThatThrownBy(
            () -> ShimSettings.from(Map.of("CORE_CHAINCODE_ID_NAME", "cc"), new String[0]))
        .hasMessageContaining("CORE_PEER_ADDRESS");
    assertThatThrownBy(
            () ->
                ShimSettings.from(
                    Map.of("CORE_CHAINCODE_ID_NAME", "cc", "CORE_PEER_ADDRESS", "nohost"),
                    new String[0]))
        .hasMessageContaining("host:port");
    assertThatThrownBy(
            () ->
                ShimSettings.from(
                    Map.of(
                        "CORE_CHAINCODE_ID_NAME", "cc",
                        "CORE_PEER_ADDRESS", "a:1",
                        "CORE_PEER_TLS_ENABLED", "yes"),
                    new String[0]))
        .hasMessageContaining("CORE_PEER_TLS_ENABLED must be true or false");
  }

  @Test
  void runReturnsANonZeroStatusWhenTheStreamToThePeerEnds() throws Exception {
    try (ScriptedPeer peer = ScriptedPeer.listen()) {
      CompletableFuture<Integer> status = runAgainst(peer);
      peer.acceptRegistration("cc", null);
      peer.hangUp();
      assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
  }

  @Test
  void runReturnsANonZeroStatusWhenThePeerRefusesTheRegistration() throws Exception {
    try (ScriptedPeer peer = ScriptedPeer.listen()) {
      CompletableFuture<Integer> status = runAgainst(peer);
      peer.fail(
          peer.receive(org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.REGISTER),
          "duplicate chaincode cc");
      assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(peer.endedByChaincode()).isTrue();
    }
  }

  /** Runs a chaincode against {@code peer} as {@code main} would; completes with its status. */
  private static CompletableFuture<Integer> runAgainst(ScriptedPeer peer) {
    return CompletableFuture.supplyAsync(
        () ->
            Shim.run(
                stub -> Response.success(),
                Map.of("CORE_CHAINCODE_ID_NAME", "cc", "CORE_PEER_ADDRESS", peer.address()),
                new String[0]));
  }
}
