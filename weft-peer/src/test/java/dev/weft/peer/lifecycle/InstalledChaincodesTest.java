package dev.weft.peer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledChaincodesTest {

  @TempDir Path directory;

  private Path nodePackage(String label, String code) throws IOException {
    Path source = directory.resolve("src-" + label);
    Files.createDirectories(source);
    Files.writeString(source.resolve("package.json"), "{\"name\":\"" + label + "\"}");
    Files.writeString(source.resolve("index.js"), code);
    Path output = directory.resolve(label + ".tar.gz");
    ChaincodePackageWriter.write(source, "node", label, output);
    return output;
  }

  @Test
  void anInstalledPackageIsStoredUnderFabricsFileNameListedAndFoundById() throws IOException {
    InstalledChaincodes installed = new InstalledChaincodes(directory.resolve("installed"));
    Path file = nodePackage("basic_1.0", "module.exports = {};");

    ChaincodePackage chaincode = installed.install(file);

    String hash = chaincode.packageId().substring("basic_1.0:".length());
    assertThat(directory.resolve("installed/basic_1.0." + hash + ".tar.gz"))
        .hasSameBinaryContentAs(file);
    assertThat(installed.list())
        .extracting(ChaincodePackage::packageId)
        .containsExactly(chaincode.packageId());
    assertThat(installed.get(chaincode.packageId())).isPresent();
    assertThat(installed.get("basic_1.0:" + "0".repeat(64))).isEmpty();
  }

  @Test
  void installingTheSamePackageAgainFailsWithFabricsMessage() throws IOException {
    InstalledChaincodes installed = new InstalledChaincodes(directory.resolve("installed"));
    Path file = nodePackage("basic_1.0", "module.exports = {};");
    ChaincodePackage chaincode = installed.install(file);

    assertThatThrownBy(() -> installed.install(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "chaincode already successfully installed (package ID '"
                + chaincode.packageId()
                + "')");
  }

  @Test
  void aFileThatIsNotAPackageIsRefusedAndNothingIsInstalled() throws IOException {
    InstalledChaincodes installed = new InstalledChaincodes(directory.resolve("installed"));
    Path junk = Files.writeString(directory.resolve("junk.tar.gz"), "not a package");

    assertThatThrownBy(() -> installed.install(junk))
        .isInstanceOf(InvalidChaincodePackageException.class)
        .hasMessageContaining(junk.toString());
    assertThat(installed.list()).isEmpty();
  }

  @Test
  void aPackageIdWithAPathInItIsRefused() {
    InstalledChaincodes installed = new InstalledChaincodes(directory.resolve("installed"));

    assertThatThrownBy(() -> installed.get("../x:abc"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
