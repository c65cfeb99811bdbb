package dev.weft.peer.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.peer.lifecycle.ChaincodePackage;
import dev.weft.peer.lifecycle.ChaincodePackageWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploySourceTest {

  @TempDir Path directory;

  @Test
  void aDirectorysFilesTellItsChaincodeType() throws Exception {
    Path node = Files.createDirectories(directory.resolve("node"));
    Files.writeString(node.resolve("package.json"), "{\"name\":\"cc\"}");
    Files.writeString(node.resolve("index.js"), "// chaincode");
    Path java = Files.createDirectories(directory.resolve("java"));
    Files.writeString(java.resolve("pom.xml"), "<project/>");

    assertThat(DeploySource.prepare(node, null, "cc_1.0").chaincode().type()).isEqualTo("node");
    assertThat(DeploySource.prepare(java, null, "cc_1.0").chaincode().type()).isEqualTo("java");
    assertThat(DeploySource.prepare(node, "external", "cc_1.0").chaincode().type())
        .isEqualTo("external");
  }

  @Test
  void aJarBecomesAJavaPackageHoldingOnlyTheJar() throws Exception {
    Path jar = Files.write(directory.resolve("cc.jar"), new byte[] {'P', 'K', 3, 4});

    DeploySource.Prepared prepared = DeploySource.prepare(jar, null, "cc_1.0");

    assertThat(prepared.chaincode().type()).isEqualTo("java");
    assertThat(prepared.chaincode().packageId())
        .isEqualTo(ChaincodePackage.packageId("cc_1.0", prepared.bytes()));
    assertThat(ChaincodePackage.parse("again", prepared.bytes()).label()).isEqualTo("cc_1.0");
    assertThat(DeploySource.prepare(jar, null, "cc_1.0").bytes())
        .as("the same jar makes the same package")
        .isEqualTo(prepared.bytes());
  }

  @Test
  void aPreparedPackageIsDeployedAsItIs() throws Exception {
    Path source = Files.createDirectories(directory.resolve("src"));
    Files.writeString(source.resolve("package.json"), "{}");
    Path file = directory.resolve("cc.tar.gz");
    ChaincodePackage written = ChaincodePackageWriter.write(source, "node", "mine", file);

    DeploySource.Prepared prepared = DeploySource.prepare(file, null, "ignored_1.0");

    assertThat(prepared.bytes()).isEqualTo(Files.readAllBytes(file));
    assertThat(prepared.chaincode().packageId()).isEqualTo(written.packageId());
  }

  @Test
  void aPackageWithoutItsPartsIsRefusedNamingTheFileAndWhatIsMissing() throws Exception {
    Path empty = directory.resolve("empty.tar.gz");
    try (var gzip = new java.util.zip.GZIPOutputStream(Files.newOutputStream(empty))) {
      gzip.write(new byte[1024]); // a tar archive with no entries
    }
    Path garbage = Files.writeString(directory.resolve("garbage.tgz"), "not gzip");

    assertThatThrownBy(() -> DeploySource.prepare(empty, null, "cc_1.0"))
        .hasMessageContaining(empty.toString())
        .hasMessageContaining("missing code.tar.gz");
    assertThatThrownBy(() -> DeploySource.prepare(garbage, null, "cc_1.0"))
        .hasMessageContaining(garbage.toString())
        .hasMessageContaining("not a chaincode package");
  }

  @Test
  void aDirectoryOfUnknownKindOrAMissingSourceIsRefusedWithWhatToDo() throws Exception {
    Path empty = Files.createDirectories(directory.resolve("empty"));

    assertThatThrownBy(() -> DeploySource.prepare(empty, null, "cc_1.0"))
        .hasMessageContaining("cannot tell what kind of chaincode")
        .hasMessageContaining("--lang");
    assertThatThrownBy(() -> DeploySource.prepare(directory.resolve("nothing"), null, "cc_1.0"))
        .hasMessageContaining("no such file or directory");
    Path text = Files.writeString(directory.resolve("notes.txt"), "x");
    assertThatThrownBy(() -> DeploySource.prepare(text, null, "cc_1.0"))
        .hasMessageContaining("an executable .jar or a chaincode package (.tar.gz)");
  }
}
