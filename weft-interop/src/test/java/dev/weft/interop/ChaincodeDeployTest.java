package dev.weft.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weft chaincode deploy} on a peer started as the README starts it: the peer builds,
 * launches and runs real chaincode packages — a jar on weft-shim, a jar on Fabric's Java shim, a
 * Maven project on Fabric's Java shim that the peer builds with mvn, and a Node package on Fabric's
 * Node shim whose dependencies the peer installs with npm — and the command line invokes and
 * queries them.
 */
class ChaincodeDeployTest {

  /** A Node build downloads its dependencies; a slow machine and registry need minutes. */
  private static final long DEPLOY_MINUTES = 8;

  @TempDir static Path directory;
  private static ReadmePeer peer;

  @BeforeAll
  static void startPeer() throws IOException {
    peer = ReadmePeer.start(directory, "deploy-peer.log");
  }

  @AfterAll
  static void stopPeer() throws Exception {
    if (peer == null) {
      return;
    }
    List<ProcessHandle> launched = peer.peer().descendants();
    peer.close();
    // The peer stopped as Ctrl-C stops it; none of the chaincode processes it launched is left.
    for (int i = 0; i < 100 && launched.stream().anyMatch(ProcessHandle::isAlive); i++) {
      Thread.sleep(100);
    }
    assertThat(launched).isNotEmpty().noneMatch(ProcessHandle::isAlive);
  }

  @Test
  void aWeftShimJarIsDeployedAndServesTheCommandLine() throws Exception {
    Path jar =
        Path.of(System.getProperty("interop.samples")).resolve("weft-sample-asset-transfer.jar");

    String deployed = weft("chaincode", "deploy", jar.toString(), "--name", "asset");

    assertThat(deployed)
        .contains("installed asset_1.0:")
        .contains("committed asset 1.0 sequence 1 on mychannel")
        .containsPattern("ready: asset runs as asset_1\\.0:[0-9a-f]{64} on mychannel");
    assertThat(weft("chaincode", "invoke", "asset", "CreateAsset", "a1", "blue", "5", "Ann", "30"))
        .containsPattern("committed in block \\d+: VALID");
    assertThat(weft("chaincode", "query", "asset", "ReadAsset", "a1"))
        .contains("\"Owner\":\"Ann\"");
  }

  @Test
  void aFabricJavaShimJarIsDeployedAndUpgradedToANewVersion() throws Exception {
    Path jar =
        Path.of(System.getProperty("interop.javaChaincode"))
            .resolve("interop-chaincode-fabric-shim.jar");

    weft("chaincode", "deploy", jar.toString(), "--name", "javacc");
    weft("chaincode", "invoke", "javacc", "put", "k", "v1");
    String again = weft("chaincode", "deploy", jar.toString(), "--name", "javacc");
    String upgraded =
        weft("chaincode", "deploy", jar.toString(), "--name", "javacc", "--version", "2.0");

    assertThat(again).contains("javacc 1.0 is defined already on mychannel (sequence 1)");
    assertThat(upgraded)
        .contains("committed javacc 2.0 sequence 2 on mychannel")
        .contains("ready: javacc runs as javacc_2.0:");
    assertThat(weft("chaincode", "query", "javacc", "get", "k").strip()).isEqualTo("v1");
  }

  @Test
  void aNodePackageIsBuiltWithNpmByThePeerAndDeployed() throws Exception {
    Path source = Path.of(System.getProperty("interop.nodeChaincode"));

    String deployed = weft("chaincode", "deploy", source.toString(), "--name", "nodecc");
    weft("chaincode", "invoke", "nodecc", "put", "n", "from node");

    assertThat(deployed)
        .contains("(node, ")
        .contains("build log: ")
        .containsPattern("ready: nodecc runs as nodecc_1\\.0:[0-9a-f]{64}");
    assertThat(weft("chaincode", "query", "nodecc", "get", "n").strip()).isEqualTo("from node");
  }

  @Test
  void aMavenProjectIsBuiltWithMavenByThePeerAndDeployed() throws Exception {
    Path project = Path.of(System.getProperty("interop.mavenChaincode"));

    String deployed = weft("chaincode", "deploy", project.toString(), "--name", "counter");
    weft("chaincode", "invoke", "counter", "increment", "visits");
    weft("chaincode", "invoke", "counter", "increment", "visits");

    assertThat(deployed)
        .contains("(java, ")
        .contains("BUILD SUCCESS")
        .containsPattern("ready: counter runs as counter_1\\.0:[0-9a-f]{64}");
    assertThat(weft("chaincode", "query", "counter", "get", "visits").strip()).isEqualTo("2");
  }

  @Test
  void aPackageThatFailsToBuildIsReportedWithItsLogAndThePeerStaysUp() throws Exception {
    Path broken = directory.resolve("broken-node");
    Files.createDirectories(broken);
    Files.writeString(
        broken.resolve("package.json"),
        "{\"name\":\"broken\",\"version\":\"1.0.0\",\"scripts\":{\"start\":\"node x.js\","
            + "\"preinstall\":\"node -e \\\"console.error('cannot compile'); process.exit(3)\\\"\"}}");

    Result result = run("chaincode", "deploy", broken.toString(), "--name", "broken");

    // As in Fabric, the install fails with the build, so nothing is approved or committed.
    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .contains("could not build chaincode: package broken_1.0:")
        .contains("npm install --omit=dev")
        .contains("full build log: ")
        .doesNotContain("approved")
        .doesNotContain("committed");
    assertThat(weft("chaincode", "installed")).doesNotContain("broken_1.0");
    assertThat(weft("channel", "list")).contains("mychannel");
  }

  private record Result(int exitCode, String output) {}

  private static String weft(String... args) throws IOException, InterruptedException {
    Result result = run(args);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output();
  }

  /**
   * Runs the weft command line of the peer's jar where the peer was started, so that it finds the
   * peer through the default {@code weft-data}, as the README's commands do.
   */
  private static Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(System.getProperty("interop.peerJar"));
    command.addAll(List.of(args));
    Path output = Files.createTempFile(directory, "weft-", ".out");
    Process process =
        new ProcessBuilder(command)
            .directory(peer.data().getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(DEPLOY_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "weft " + String.join(" ", args) + " did not finish: " + Files.readString(output));
    }
    return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }
}
