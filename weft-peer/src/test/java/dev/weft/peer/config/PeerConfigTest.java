package dev.weft.peer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerConfigTest {

  @Test
  void defaultsAreFabricsDefaults() {
    ChaincodeConfig chaincode = PeerConfig.defaults().chaincode();
    assertThat(chaincode.listenAddress()).isEqualTo(new HostPort("127.0.0.1", 7052));
    assertThat(chaincode.executeTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(chaincode.keepalive()).isZero();
    assertThat(chaincode.totalQueryLimit()).isEqualTo(100_000);
    assertThat(chaincode.maxRecvMessageSize()).isEqualTo(100 * 1024 * 1024);
    assertThat(chaincode.runtimeParams()).isEqualTo(new RuntimeParams(true, 1000, true, 1000));
    assertThat(PeerConfig.defaults().ledger().historyEnabled()).isTrue();
    assertThat(PeerConfig.defaults().operations().listenAddress())
        .isEqualTo(new HostPort("127.0.0.1", 9443));
  }

  @Test
  void weftEnvironmentVariablesOverrideSettingsAndOthersAreIgnored() {
    PeerConfig config =
        PeerConfig.fromEnvironment(
            Map.of(
                "WEFT_CHAINCODE_EXECUTETIMEOUT", "2m",
                "WEFT_CHAINCODE_LISTENADDRESS", "[::1]:9999",
                "WEFT_CHAINCODE_RUNTIMEPARAMS_USEWRITEBATCH", "FALSE",
                "WEFT_LEDGER_HISTORYENABLED", "false",
                "WEFT_OPERATIONS_LISTENADDRESS", "0.0.0.0:9444",
                "PATH", "/usr/bin"));
    assertThat(config.chaincode().executeTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.chaincode().listenAddress()).isEqualTo(new HostPort("::1", 9999));
    assertThat(config.chaincode().listenAddress()).hasToString("[::1]:9999");
    assertThat(config.chaincode().runtimeParams().useWriteBatch()).isFalse();
    assertThat(config.ledger().historyEnabled()).isFalse();
    assertThat(config.operations().listenAddress()).isEqualTo(new HostPort("0.0.0.0", 9444));
  }

  @Test
  void aMistypedWeftVariableIsAnErrorNotSilentlyIgnored() {
    assertThatThrownBy(() -> PeerConfig.fromEnvironment(Map.of("WEFT_CHAINCODE_EXECTIMEOUT", "5s")))
        .hasMessage("unknown setting WEFT_CHAINCODE_EXECTIMEOUT in the environment");
  }

  @Test
  void anInvalidValueNamesTheSettingAndItsVariable() {
    assertThatThrownBy(
            () -> PeerConfig.fromEnvironment(Map.of("WEFT_CHAINCODE_EXECUTETIMEOUT", "soon")))
        .hasMessageStartingWith(
            "invalid chaincode.executeTimeout (WEFT_CHAINCODE_EXECUTETIMEOUT): 'soon' is not a"
                + " duration");
    assertThatThrownBy(
            () -> PeerConfig.fromEnvironment(Map.of("WEFT_LEDGER_HISTORYENABLED", "yes")))
        .hasMessageContaining("'yes' is not true or false");
  }

  @Test
  void limitsThatWouldBreakFabricChaincodeAreRefused() {
    assertThatThrownBy(
            () -> PeerConfig.fromEnvironment(Map.of("WEFT_CHAINCODE_EXECUTETIMEOUT", "500ms")))
        .hasMessageContaining("must be at least 1s");
    assertThatThrownBy(
            () ->
                PeerConfig.fromEnvironment(
                    Map.of("WEFT_CHAINCODE_RUNTIMEPARAMS_MAXSIZEWRITEBATCH", "50")))
        .hasMessageContaining("maxSizeWriteBatch must be at least 100");
  }

  @Test
  void everySettingHasADefaultThatParses() {
    for (Setting setting : Setting.values()) {
      assertThat(setting.environmentVariable()).startsWith("WEFT_").doesNotContain(".");
      assertThat(setting.description()).isNotBlank();
    }
    assertThat(PeerConfig.defaults()).isNotNull();
  }
}
