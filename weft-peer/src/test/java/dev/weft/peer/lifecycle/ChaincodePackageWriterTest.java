package dev.weft.peer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaincodePackageWriterTest {

  @TempDir Path directory;

  private Path file(String relative, String content) throws IOException {
    Path file = directory.resolve("cc").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  private Path nodeProject() throws IOException {
    file("package.json", "{\"name\":\"asset\",\"scripts\":{\"start\":\"fabric-chaincode-node\"}}");
    file("lib/contract.js", "module.exports = {};");
    file("META-INF/statedb/couchdb/indexes/owner.json", "{\"index\":{\"fields\":[\"owner\"]}}");
    file("META-INF/statedb/couchdb/indexes/.hidden", "x");
    file("node_modules/fabric-shim/index.js", "ignored");
    file("lib/node_modules/nested.js", "ignored too");
    file(".git/HEAD", "ref: refs/heads/main");
    return directory.resolve("cc");
  }

  private static List<String> names(List<TarEntry> entries) {
    return entries.stream().map(TarEntry::name).toList();
  }

  @Test
  void aWrittenPackageReadsBackWithItsMetadataCodeAndTheIdOfItsFileBytes() throws Exception {
    Path source = nodeProject();
    Path output = directory.resolve("out/asset.tar.gz");

    ChaincodePackage written = ChaincodePackageWriter.write(source, "node", "asset_1.0", output);
    ChaincodePackage read = ChaincodePackage.read(output);

    byte[] file = Files.readAllBytes(output);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
    assertThat(read.packageId()).isEqualTo("asset_1.0:" + sha256).isEqualTo(written.packageId());
    assertThat(read.label()).isEqualTo("asset_1.0");
    assertThat(read.type()).isEqualTo("node");
    assertThat(read.path()).isEqualTo(source.toString());
    assertThat(read.connection()).isEmpty();
    assertThat(names(TarReader.readGzip(file)))
        .containsExactly(PackageMetadata.FILE_NAME, ChaincodePackage.CODE_FILE_NAME);
    assertThat(new String(TarReader.readGzip(file).get(0).content(), StandardCharsets.UTF_8))
        .isEqualTo("{\"path\":\"" + source + "\",\"type\":\"node\",\"label\":\"asset_1.0\"}");
  }

  @Test
  void nodeSourcesGoUnderSrcWithoutNodeModulesGitOrHiddenMetadata() throws Exception {
    ChaincodePackage pkg =
        ChaincodePackage.parse(
            "asset", ChaincodePackageWriter.build(nodeProject(), "node", "asset", "asset"));

    List<TarEntry> code = TarReader.readGzip(pkg.codeArchive());
    assertThat(names(code))
        .containsExactly(
            "META-INF/statedb/couchdb/indexes/owner.json",
            "src/lib/contract.js",
            "src/package.json");
    assertThat(new String(code.get(1).content(), StandardCharsets.UTF_8))
        .isEqualTo("module.exports = {};");
  }

  @Test
  void javaPackagesLeaveOutBuildOutputAndClasses() throws Exception {
    file("build.gradle", "plugins { id 'java' }");
    file("src/main/java/Cc.java", "class Cc {}");
    file("src/main/java/Cc.class", "compiled");
    file("target/cc.jar", "jar");
    file("build/libs/cc.jar", "jar");

    byte[] bytes = ChaincodePackageWriter.build(directory.resolve("cc"), "java", "cc", "cc");

    assertThat(names(TarReader.readGzip(ChaincodePackage.parse("cc", bytes).codeArchive())))
        .containsExactly("src/build.gradle", "src/src/main/java/Cc.java");
  }

  @Test
  void golangPackagesRecordTheModulePath() throws Exception {
    file("go.mod", "module github.com/example/asset\n\ngo 1.21\n");
    file("main.go", "package main");
    file(".cache/x", "hidden directory");

    ChaincodePackage pkg =
        ChaincodePackage.parse(
            "cc", ChaincodePackageWriter.build(directory.resolve("cc"), "golang", "cc", "cc"));

    assertThat(pkg.path()).isEqualTo("github.com/example/asset");
    assertThat(names(TarReader.readGzip(pkg.codeArchive())))
        .containsExactly("src/go.mod", "src/main.go");
  }

  @Test
  void aGolangDirectoryWithoutGoModIsRefused() throws Exception {
    file("main.go", "package main");

    assertThatThrownBy(
            () -> ChaincodePackageWriter.build(directory.resolve("cc"), "golang", "cc", "out.tgz"))
        .isInstanceOf(InvalidChaincodePackageException.class)
        .hasMessageContaining("chaincode package out.tgz")
        .hasMessageContaining("must be a Go module");
  }

  @Test
  void theSameInputsGiveTheSamePackageIdWhateverTheFileTimes() throws Exception {
    Path source = nodeProject();
    byte[] first = ChaincodePackageWriter.build(source, "node", "asset", "a");
    Files.setLastModifiedTime(
        source.resolve("lib/contract.js"), FileTime.fromMillis(1_000_000_000_000L));
    byte[] second = ChaincodePackageWriter.build(source, "node", "asset", "a");

    assertThat(second).isEqualTo(first);
    assertThat(ChaincodePackage.parse("b", second).packageId())
        .isEqualTo(ChaincodePackage.parse("a", first).packageId());

    Files.writeString(source.resolve("lib/contract.js"), "module.exports = { changed: 1 };");
    assertThat(
            ChaincodePackage.parse("c", ChaincodePackageWriter.build(source, "node", "asset", "c"))
                .packageId())
        .isNotEqualTo(ChaincodePackage.parse("a", first).packageId());
  }

  @Test
  void ccaasPackagesCarryConnectionJsonAtTheTopOfTheCodeArchive() throws Exception {
    file(
        "connection.json",
        "{\"address\":\"asset-cc:9999\",\"dial_timeout\":\"10s\",\"tls_required\":false}");

    ChaincodePackage pkg =
        ChaincodePackage.parse(
            "cc", ChaincodePackageWriter.build(directory.resolve("cc"), "ccaas", "asset", "cc"));

    assertThat(pkg.path()).isEmpty();
    assertThat(names(TarReader.readGzip(pkg.codeArchive()))).containsExactly("connection.json");
    assertThat(pkg.connection())
        .contains(new ChaincodeServerConnection("asset-cc:9999", "10s", false, false, "", "", ""));
  }

  @Test
  void badInputsAreRefusedBeforeAnythingIsWritten() throws IOException {
    Path source = nodeProject();
    Path output = directory.resolve("bad.tar.gz");

    assertThatThrownBy(() -> ChaincodePackageWriter.write(source, "node", "-bad", output))
        .isInstanceOf(InvalidChaincodePackageException.class)
        .hasMessageContaining(output.toString())
        .hasMessageContaining("invalid label '-bad'");
    assertThatThrownBy(
            () -> ChaincodePackageWriter.write(directory.resolve("none"), "node", "ok", output))
        .hasMessageContaining("is not a directory");
    Files.createDirectories(directory.resolve("empty"));
    assertThatThrownBy(
            () -> ChaincodePackageWriter.write(directory.resolve("empty"), "node", "ok", output))
        .hasMessageContaining("no source files found");
    assertThat(output).doesNotExist();
  }
}
