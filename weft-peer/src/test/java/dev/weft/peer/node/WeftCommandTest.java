package dev.weft.peer.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.config.Setting;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WeftCommandTest {

  @TempDir Path directory;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int weft(String... args) {
    return WeftCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void cryptoGenerateWritesAnOrganizationInCryptogensLayout() {
    int status =
        weft(
            "crypto",
            "generate",
            "--output",
            directory.toString(),
            "--org",
            "org2.example.com",
            "--users",
            "2");

    assertThat(status).isZero();
    Path org = directory.resolve("peerOrganizations/org2.example.com");
    assertThat(out.toString().trim()).isEqualTo(org.toString());
    assertThat(
            org.resolve(
                "peers/peer0.org2.example.com/msp/signcerts/peer0.org2.example.com-cert.pem"))
        .isRegularFile();
    assertThat(org.resolve("users/User2@org2.example.com/msp/keystore/priv_sk")).isRegularFile();
    assertThat(org.resolve("users/Admin@org2.example.com/tls/client.key")).isRegularFile();
  }

  @Test
  void chaincodePackageWritesAPackageAndPrintsItsId() throws Exception {
    Path source = Files.createDirectories(directory.resolve("asset"));
    Files.writeString(source.resolve("package.json"), "{\"name\":\"asset\"}");
    Files.createDirectories(source.resolve("node_modules/x"));
    Files.writeString(source.resolve("node_modules/x/index.js"), "left out");
    Path output = directory.resolve("asset.tar.gz");

    int status =
        weft(
            "chaincode",
            "package",
            output.toString(),
            "--path",
            source.toString(),
            "--lang",
            "node",
            "--label",
            "asset_1.0");

    assertThat(status).as(err.toString()).isZero();
    String sha256 =
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(output)));
    assertThat(out.toString().strip()).isEqualTo("asset_1.0:" + sha256);

    int bad =
        weft(
            "chaincode",
            "package",
            directory.resolve("bad.tar.gz").toString(),
            "--path",
            source.toString(),
            "--lang",
            "node",
            "--label",
            "_bad");
    assertThat(bad).isNotZero();
    assertThat(err.toString()).contains("bad.tar.gz").contains("invalid label '_bad'");

    out.getBuffer().setLength(0);
    Path data = directory.resolve("weft-data");
    assertThat(weft("chaincode", "install", output.toString(), "--data-dir", data.toString()))
        .isZero();
    assertThat(out.toString()).isEqualTo("installed asset_1.0:" + sha256 + System.lineSeparator());
    assertThat(weft("chaincode", "install", output.toString(), "--data-dir", data.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("chaincode already successfully installed");
    out.getBuffer().setLength(0);
    assertThat(weft("chaincode", "installed", "--data-dir", data.toString())).isZero();
    assertThat(out.toString().strip())
        .isEqualTo("Package ID: asset_1.0:" + sha256 + ", Label: asset_1.0");
  }

  @Test
  void aWrongCommandLineIsOneLineOnStandardErrorAndExitStatus2() {
    assertThat(weft("crypto", "generate", "--org", "x.com")).isEqualTo(2);
    assertThat(err.toString()).startsWith("weft: Missing required option: '--output=DIR'");
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(weft("crypto", "generate", "--output", "x", "--org", "x.com", "--colour", "red"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("Unknown options: '--colour'");
    assertThat(weft("destroy")).isEqualTo(2);
    assertThat(directory).isEmptyDirectory();
  }

  @Test
  void versionAndHelpAreEverywhere() {
    assertThat(weft("--version")).isZero();
    assertThat(out.toString()).startsWith("weft ");
    assertThat(weft("--help")).isZero();
    assertThat(out.toString()).contains("start", "crypto", "channel", "chaincode");
    assertThat(weft("start", "--help")).isZero();
    assertThat(out.toString())
        .contains("chaincode.executeTimeout  WEFT_CHAINCODE_EXECUTETIMEOUT  [30s]")
        .contains("peer.tls.enabled  WEFT_PEER_TLS_ENABLED  [false]");
    assertThat(weft("chaincode", "invoke", "--help")).isZero();
    assertThat(out.toString()).contains("--transient", "--channel", "--data-dir", "--peer");
  }

  @Test
  void channelCreateWritesAGenesisBlockThatChannelListShows() {
    Path data = directory.resolve("weft-data");
    assertThat(
            weft(
                "crypto",
                "generate",
                "--output",
                data.resolve("crypto").toString(),
                "--org",
                "org1.example.com"))
        .isZero();

    assertThat(weft("channel", "create", "trade", "--data-dir", data.toString())).isZero();
    assertThat(weft("channel", "create", "trade", "--data-dir", data.toString())).isEqualTo(1);
    assertThat(err.toString()).startsWith("weft: channel trade already exists");
    assertThat(weft("channel", "create", "Bad_Name", "--data-dir", data.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("'Bad_Name' is not a valid channel name");

    out.getBuffer().setLength(0);
    assertThat(weft("channel", "list", "--data-dir", data.toString())).isZero();
    assertThat(out.toString().lines()).containsExactly("trade");
  }

  @Test
  void channelCreateBeforeTheFirstStartSaysToStartFirst() {
    assertThat(weft("channel", "create", "trade", "--data-dir", directory.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("holds no peer data yet", "weft start");
  }

  @Test
  void aClientCommandWithoutARunningPeerSaysHowToStartOne() {
    assertThat(
            weft(
                "chaincode",
                "query",
                "basic",
                "ReadAsset",
                "a1",
                "--data-dir",
                directory.toString()))
        .isEqualTo(1);
    assertThat(err.toString())
        .startsWith("weft: no running peer found for data directory")
        .contains("weft start", "--peer HOST:PORT");
  }

  @Test
  void withTlsOnThePeerEndpointAnswersOnlyClientsThatTrustItsTlsCa() {
    Path data = directory.resolve("tls-peer");
    PeerConfig config =
        PeerConfig.from(
            Map.of(
                Setting.PEER_FILE_SYSTEM_PATH, data.toString(),
                Setting.PEER_LISTEN_ADDRESS, "127.0.0.1:0",
                Setting.CHAINCODE_LISTEN_ADDRESS, "127.0.0.1:0",
                Setting.OPERATIONS_LISTEN_ADDRESS, "127.0.0.1:0",
                Setting.PEER_TLS_ENABLED, "true"));
    try (WeftPeer peer = WeftPeer.startNode(config)) {
      String address = "127.0.0.1:" + peer.peerAddress().getPort();
      String msp = peer.clientMspDirectory().toString();

      // No chaincode runs: the gateway's answer proves the TLS handshake succeeded.
      int trusted =
          weft(
              "chaincode",
              "query",
              "basic",
              "ReadAsset",
              "a1",
              "--peer",
              address,
              "--msp-dir",
              msp,
              "--tls-ca",
              peer.tlsCaCertificate().toString());
      assertThat(trusted).isEqualTo(1);
      assertThat(err.toString()).contains("basic", "development mode");

      err.getBuffer().setLength(0);
      assertThat(
              weft(
                  "chaincode",
                  "query",
                  "basic",
                  "ReadAsset",
                  "a1",
                  "--peer",
                  address,
                  "--msp-dir",
                  msp))
          .isEqualTo(1);
      assertThat(err.toString()).doesNotContain("development mode").contains("UNAVAILABLE");
    }
  }

  @Test
  void startTakesTheFileThenTheEnvironmentThenTheDataDirectoryOption() throws IOException {
    Path file = directory.resolve("weft.yaml");
    Files.writeString(
        file,
        "chaincode:\n  executeTimeout: 2m\n  keepalive: 5s\npeer.fileSystemPath: /from/file\n");
    StartCommand start = new StartCommand();
    new CommandLine(start).parseArgs("--config", file.toString(), "--data-dir", "/from/option");

    PeerConfig config = start.config(Map.of("WEFT_CHAINCODE_KEEPALIVE", "7s"));

    assertThat(config.chaincode().executeTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.chaincode().keepalive()).isEqualTo(Duration.ofSeconds(7));
    assertThat(config.node().dataDirectory()).isEqualTo(Path.of("/from/option"));
  }

  @Test
  void aConfigurationFileWithAnUnknownSettingIsRefusedByName() throws IOException {
    Path file = directory.resolve("weft.yaml");
    Files.writeString(file, "chaincode:\n  executeTimeOut: 2m\n");

    assertThat(weft("start", "--config", file.toString(), "--data-dir", directory.toString()))
        .isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "weft: unknown setting chaincode.executeTimeOut in configuration file "
                + file
                + System.lineSeparator());
  }
}
