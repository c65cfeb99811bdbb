package dev.weft.peer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaincodePackageTest {

  @TempDir Path directory;

  private static final String METADATA =
      "{\"type\":\"node\",\"label\":\"asset_1\",\"path\":\"cc\"}";

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] code() {
    return TarWriter.writeGzip(List.of(TarEntry.file("src/package.json", utf8("{}"))), 500);
  }

  private static byte[] pkg(TarEntry... entries) {
    return TarWriter.writeGzip(List.of(entries), 0);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** Runs GNU tar, as the fabric-samples scripts do to package chaincode as a service. */
  private void tar(Path in, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("tar"));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).directory(in.toFile()).inheritIO().start();
    } catch (IOException e) {
      assumeThat(e).as("tar is installed").isNull();
      return;
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
  }

  @Test
  void aPackageMadeWithTarHasFabricsPackageIdAndItsConnection() throws Exception {
    Path work = Files.createDirectories(directory.resolve("work"));
    Files.writeString(
        work.resolve("connection.json"),
        "{\n  \"address\": \"{{.peername}}_basic:9999\",\n  \"dial_timeout\": \"10s\",\n"
            + "  \"tls_required\": true,\n  \"client_auth_required\": true,\n"
            + "  \"client_key\": \"-----BEGIN EC PRIVATE KEY-----\\nk\\n\",\n"
            + "  \"client_cert\": \"cert\",\n  \"root_cert\": \"root\"\n}\n");
    tar(work, "czf", "code.tar.gz", "connection.json");
    Files.writeString(
        work.resolve("metadata.json"),
        "{\"path\":\"\",\"type\":\"ccaas\",\"label\":\"basic_1.0\"}");
    tar(work, "czf", "basic.tar.gz", "metadata.json", "code.tar.gz");
    Path file = work.resolve("basic.tar.gz");

    ChaincodePackage read = ChaincodePackage.read(file);

    assertThat(read.packageId()).isEqualTo("basic_1.0:" + sha256(Files.readAllBytes(file)));
    assertThat(read.type()).isEqualTo("ccaas");
    assertThat(read.path()).isEmpty();
    assertThat(read.codeArchive()).isEqualTo(Files.readAllBytes(work.resolve("code.tar.gz")));
    assertThat(read.connection())
        .contains(
            new ChaincodeServerConnection(
                "{{.peername}}_basic:9999",
                "10s",
                true,
                true,
                "-----BEGIN EC PRIVATE KEY-----\nk\n",
                "cert",
                "root"));
  }

  @Test
  void thePackageIdIsTheLabelAndTheSha256OfTheWholeFile() throws Exception {
    byte[] bytes =
        pkg(
            TarEntry.file("metadata.json", utf8(METADATA)),
            TarEntry.file("code.tar.gz", code()),
            TarEntry.file("extra.txt", utf8("ignored, as Fabric does")));

    ChaincodePackage read = ChaincodePackage.parse("p", bytes);

    assertThat(read.packageId()).isEqualTo("asset_1:" + sha256(bytes));
    assertThat(read.metadata()).isEqualTo(new PackageMetadata("node", "asset_1", "cc"));
    assertThat(read.codeArchive()).isEqualTo(code());
  }

  @Test
  void metadataIsReadAsGoReadsIt() {
    assertThat(PackageMetadata.parse(utf8("{\"Type\":\"java\",\"LABEL\":\"x\",\"other\":[1,{}]}")))
        .isEqualTo(new PackageMetadata("java", "x", ""));
    assertThat(new String(new PackageMetadata("node", "a", "<&>").toJson(), StandardCharsets.UTF_8))
        .isEqualTo("{\"path\":\"\\u003c\\u0026\\u003e\",\"type\":\"node\",\"label\":\"a\"}");
  }

  @Test
  void eachBadPackageIsRefusedWithWhatIsWrongAndItsName() throws Exception {
    TarEntry code = TarEntry.file("code.tar.gz", code());
    TarEntry metadata = TarEntry.file("metadata.json", utf8(METADATA));

    assertThatThrownBy(() -> ChaincodePackage.parse("p.tgz", pkg(code)))
        .isInstanceOf(InvalidChaincodePackageException.class)
        .hasMessage("chaincode package p.tgz: it has no package metadata (missing metadata.json)");
    assertThatThrownBy(() -> ChaincodePackage.parse("p.tgz", pkg(metadata)))
        .hasMessage("chaincode package p.tgz: it has no code archive (missing code.tar.gz)");
    assertThatThrownBy(
            () ->
                ChaincodePackage.parse(
                    "p.tgz", pkg(TarEntry.file("metadata.json", utf8("{\"type\":")), code)))
        .hasMessageStartingWith("chaincode package p.tgz: malformed metadata.json: ");
    assertThatThrownBy(
            () ->
                ChaincodePackage.parse(
                    "p.tgz", pkg(TarEntry.file("metadata.json", utf8("{\"label\":\"a\"}")), code)))
        .hasMessage("chaincode package p.tgz: malformed metadata.json: it has no \"type\"");
    assertThatThrownBy(
            () ->
                ChaincodePackage.parse(
                    "p.tgz",
                    pkg(
                        TarEntry.file(
                            "metadata.json", utf8("{\"type\":\"node\",\"label\":\"a b\"}")),
                        code)))
        .hasMessageContaining("p.tgz")
        .hasMessageContaining("invalid label 'a b'");
    assertThatThrownBy(
            () ->
                ChaincodePackage.parse(
                    "p.tgz",
                    pkg(
                        TarEntry.file("metadata.json", utf8("{\"type\":1,\"label\":\"a\"}")),
                        code)))
        .hasMessageContaining("\"type\" must be a string");
    assertThatThrownBy(
            () -> ChaincodePackage.parse("p.tgz", pkg(TarEntry.directory("src"), metadata, code)))
        .hasMessage("chaincode package p.tgz: tar entry src/ is not a regular file");
    assertThatThrownBy(() -> ChaincodePackage.parse("p.tgz", utf8("plain text")))
        .hasMessageStartingWith(
            "chaincode package p.tgz: not a chaincode package (a .tar.gz): not a gzip stream");
    assertThatThrownBy(() -> ChaincodePackage.parse("p.tgz", gzip(utf8("not a tar archive"))))
        .hasMessageContaining("p.tgz")
        .hasMessageContaining("not a tar archive");
    byte[] whole = pkg(metadata, code);
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
    assertThatThrownBy(() -> ChaincodePackage.parse("p.tgz", truncated))
        .hasMessageContaining("p.tgz")
        .hasMessageContaining("not a gzip stream");
    assertThatThrownBy(() -> ChaincodePackage.read(directory.resolve("missing.tar.gz")))
        .hasMessageContaining("missing.tar.gz: no such file");
  }

  @Test
  void ccaasConnectionProblemsNameTheFile() {
    byte[] code =
        TarWriter.writeGzip(
            List.of(TarEntry.file("connection.json", utf8("{\"dial_timeout\":\"10s\"}"))), 0);
    TarEntry metadata =
        TarEntry.file("metadata.json", utf8("{\"type\":\"CCaaS\",\"label\":\"a\",\"path\":\"\"}"));

    assertThatThrownBy(
            () ->
                ChaincodePackage.parse("p.tgz", pkg(metadata, TarEntry.file("code.tar.gz", code))))
        .hasMessage(
            "chaincode package p.tgz: malformed connection.json in code.tar.gz: it has no"
                + " \"address\"");
    assertThatThrownBy(
            () ->
                ChaincodePackage.parse(
                    "p.tgz", pkg(metadata, TarEntry.file("code.tar.gz", utf8("not gzip")))))
        .hasMessageStartingWith("chaincode package p.tgz: its code.tar.gz is not a .tar.gz");
  }

  @Test
  void tarEntriesOtherThanFilesAndDirectoriesAreRefusedByName() throws Exception {
    Path work = Files.createDirectories(directory.resolve("links"));
    Files.writeString(work.resolve("metadata.json"), METADATA);
    Files.createSymbolicLink(work.resolve("code.tar.gz"), work.resolve("metadata.json"));
    tar(work, "czf", "p.tgz", "metadata.json", "code.tar.gz");

    assertThatThrownBy(() -> ChaincodePackage.read(work.resolve("p.tgz")))
        .hasMessageContaining("p.tgz")
        .hasMessageContaining("tar entry code.tar.gz is a symbolic link");
  }

  @Test
  void aTarHeaderWithANegativeSizeIsRefusedInsteadOfReadForEver() throws Exception {
    byte[] tar = TarWriter.write(List.of(TarEntry.directory("src/")), 0);
    // Size field (offset 124, 12 bytes) set to -2000 (octal), then the header checksum redone.
    byte[] size = "-0002000000\0".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, tar, 124, size.length);
    java.util.Arrays.fill(tar, 148, 156, (byte) ' ');
    int sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += tar[i] & 0xff;
    }
    byte[] checksum = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(checksum, 0, tar, 148, checksum.length);
    Path file = directory.resolve("negative.tar.gz");
    Files.write(file, gzip(tar));

    assertThatThrownBy(() -> ChaincodePackage.read(file))
        .hasMessageContaining("negative.tar.gz")
        .hasMessageContaining("malformed size '-0002000000'");
  }

  @Test
  void deeplyNestedJsonInMetadataIsRefusedWithoutOverflowingTheStack() throws Exception {
    String nested = "{\"type\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    Path file = directory.resolve("nested.tar.gz");
    Files.write(
        file,
        pkg(TarEntry.file("metadata.json", utf8(nested)), TarEntry.file("code.tar.gz", code())));

    assertThatThrownBy(() -> ChaincodePackage.read(file))
        .hasMessageContaining("nested.tar.gz")
        .hasMessageContaining("nested more than 64 levels deep");
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }
}
