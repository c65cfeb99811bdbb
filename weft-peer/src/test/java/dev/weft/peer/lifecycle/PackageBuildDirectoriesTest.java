package dev.weft.peer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.peer.chaincode.ChaincodeServerEndpoint;
import dev.weft.peer.chaincode.UnpackedPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageBuildDirectoriesTest {

  @TempDir Path data;
  @TempDir Path source;

  private InstalledChaincodes installed() {
    return new InstalledChaincodes(data.resolve("chaincodes"));
  }

  private PackageBuildDirectories directories() {
    return new PackageBuildDirectories(installed(), data.resolve("builds"));
  }

  private String install(String type, String label) throws IOException {
    Path file = data.resolve(label + ".tar.gz");
    ChaincodePackageWriter.write(source, type, label, file);
    return installed().install(file).packageId();
  }

  @Test
  void aPackageIsUnpackedInFabricsBuilderLayoutUnderLabelDotHash() throws IOException {
    Files.writeString(source.resolve("index.js"), "console.log('hi')");
    Files.createDirectories(source.resolve("lib"));
    Files.writeString(source.resolve("lib/util.js"), "exports.x = 1");
    String packageId = install("node", "basic_1.0");

    UnpackedPackage unpacked = directories().unpack(packageId).orElseThrow();

    assertThat(unpacked.directory())
        .isEqualTo(data.resolve("builds").resolve(packageId.replace(':', '.')));
    assertThat(unpacked.type()).isEqualTo("node");
    assertThat(unpacked.source().resolve("src/index.js")).hasContent("console.log('hi')");
    assertThat(unpacked.source().resolve("src/lib/util.js")).hasContent("exports.x = 1");
    assertThat(unpacked.metadata().resolve("metadata.json"))
        .content()
        .contains("\"type\":\"node\"", "\"label\":\"basic_1.0\"");
  }

  @Test
  void aCompleteBuildIsKeptAndAnIncompleteOneIsUnpackedAfresh() throws IOException {
    Files.writeString(source.resolve("index.js"), "v1");
    String packageId = install("node", "kept");
    UnpackedPackage unpacked = directories().unpack(packageId).orElseThrow();
    Path stray = Files.writeString(unpacked.source().resolve("stray.txt"), "left by a crash");

    directories().unpack(packageId);
    assertThat(stray).doesNotExist();

    Files.writeString(unpacked.source().resolve("built.txt"), "output of a complete build");
    Files.writeString(unpacked.buildInfo(), "builder=node\n");
    directories().unpack(packageId);
    assertThat(unpacked.source().resolve("built.txt")).exists();
  }

  @Test
  void aPackageThatIsNotInstalledIsEmpty() {
    assertThat(directories().unpack("nothing:" + "0".repeat(64))).isEmpty();
  }

  @Test
  void aConnectionFileBecomesAnEndpointWithItsDialTimeout() throws IOException {
    Path file =
        Files.writeString(
            data.resolve("connection.json"),
            "{\"address\":\"cc.example.com:9999\",\"dial_timeout\":\"1m30s\","
                + "\"tls_required\":false}");

    ChaincodeServerEndpoint endpoint = directories().readServerConnection(file);

    assertThat(endpoint.address()).isEqualTo("cc.example.com:9999");
    assertThat(endpoint.dialTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(endpoint.tlsRequired()).isFalse();
  }

  @Test
  void aConnectionFileWithoutADialTimeoutGetsFabricsDefault() throws IOException {
    Path file = Files.writeString(data.resolve("connection.json"), "{\"address\":\"h:1\"}");

    assertThat(directories().readServerConnection(file).dialTimeout())
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aTemplatedConnectionFileIsRefusedSayingWhy() throws IOException {
    Path file =
        Files.writeString(
            data.resolve("connection.json"), "{\"address\":\"{{.peername}}_cc:9999\"}");

    assertThatThrownBy(() -> directories().readServerConnection(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Go templates");
  }

  @Test
  void goDurationsAreReadAsGoWritesThem() {
    assertThat(PackageBuildDirectories.goDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(PackageBuildDirectories.goDuration("1h2m3.5s"))
        .isEqualTo(Duration.ofHours(1).plusMinutes(2).plusMillis(3500));
    assertThat(PackageBuildDirectories.goDuration("")).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> PackageBuildDirectories.goDuration("10 seconds"))
        .hasMessageContaining("is not a duration");
  }
}
