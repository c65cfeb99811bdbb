package dev.weft.peer.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.peer.testing.ChaincodeJar;
import dev.weft.peer.testing.LaunchFixture;
import dev.weft.peer.testing.LaunchedChaincode;
import dev.weft.peer.testing.ScriptedChaincode;
import dev.weft.peer.testing.TestPeer;
import dev.weft.shim.InProcessChaincodeServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installed packages launched by the peer, with real processes: a Java chaincode jar, external
 * builders written as shell scripts, chaincode servers dialled by the peer, and the ways a launch
 * fails.
 */
class LaunchTest {

  private static final long WAIT_SECONDS = 60;

  @TempDir Path data;
  @TempDir Path work;

  private final List<AutoCloseable> closeAfter = new ArrayList<>();
  private LaunchFixture fixture;

  @AfterEach
  void stopEverything() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
    for (AutoCloseable closeable : closeAfter) {
      closeable.close();
    }
  }

  @Test
  void aJavaChaincodeJarIsBuiltAndLaunchedOnFirstUse() throws Exception {
    fixture = LaunchFixture.start(data, UnaryOperator.identity());
    String packageId = fixture.install(javaSource(), "java", "asset_1.0");
    fixture.define("asset", packageId);

    assertThat(status(execute("asset", "put", "color", "blue"))).isEqualTo(200);

    assertThat(peer().chaincodeSupport().registeredChaincodes()).containsExactly(packageId);
    Path build = fixture.buildDirectory(packageId);
    assertThat(build.resolve("src/src/chaincode.jar")).isRegularFile();
    assertThat(build.resolve("metadata/metadata.json")).content().contains("\"type\":\"java\"");
    assertThat(build.resolve("build.log")).content().contains("built by java");
    assertThat(build.resolve(UnpackedPackage.BUILD_INFO)).content().contains("builder=java");
    assertThat(peer().metricsText())
        .contains(
            "chaincode_launch_duration_count{chaincode=\"" + packageId + "\",success=\"true\"} 1");
  }

  @Test
  void aPeerStartedWithARelativeDataDirectoryLaunchesChaincodeThatRunsElsewhere() throws Exception {
    // As `./weft start` does with its default weft-data/: the chaincode runs in its build
    // directory and must still find its jar.
    Path relative = Path.of("").toAbsolutePath().relativize(data);
    assertThat(relative.isAbsolute()).isFalse();
    fixture = LaunchFixture.start(relative, UnaryOperator.identity());
    String packageId = fixture.install(nestedJavaSource(), "java", "asset_1.0");
    fixture.define("asset", packageId);

    assertThat(status(execute("asset", "put", "color", "blue"))).isEqualTo(200);
    assertThat(peer().chaincodeSupport().registeredChaincodes()).containsExactly(packageId);
  }

  @Test
  void aPackageBuiltAtInstallIsLaunchedFromThatBuildWithoutBuildingAgain() throws Exception {
    fixture = LaunchFixture.start(data, UnaryOperator.identity());
    String packageId = fixture.install(javaSource(), "java", "asset_1.0");
    fixture.define("asset", packageId);

    assertThat(peer().chaincodeSupport().build(packageId).get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo("java");
    assertThat(peer().chaincodeSupport().registeredChaincodes()).isEmpty();
    assertThat(status(execute("asset", "put", "color", "blue"))).isEqualTo(200);

    assertThat(fixture.buildDirectory(packageId).resolve("build.log"))
        .content()
        .containsOnlyOnce("built by java")
        .contains("using the earlier build by java");
  }

  @Test
  void concurrentFirstInvocationsShareOneLaunch() throws Exception {
    fixture = LaunchFixture.start(data, UnaryOperator.identity());
    String packageId = fixture.install(javaSource(), "java", "asset_1.0");
    fixture.define("asset", packageId);

    List<TestPeer.Execution> executions = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      executions.add(peer().execute("asset", "pid"));
    }
    List<String> pids = new ArrayList<>();
    for (TestPeer.Execution execution : executions) {
      pids.add(payload(execution));
    }

    assertThat(pids).hasSize(8).containsOnly(pids.get(0));
    assertThat(peer().metricsText())
        .contains(
            "chaincode_launch_duration_count{chaincode=\"" + packageId + "\",success=\"true\"} 1");
  }

  @Test
  void aKilledProcessFailsItsTransactionAndTheNextInvocationRelaunches() throws Exception {
    fixture = LaunchFixture.start(data, UnaryOperator.identity());
    String packageId = fixture.install(javaSource(), "java", "asset_1.0");
    fixture.define("asset", packageId);
    long first = Long.parseLong(payload(peer().execute("asset", "pid")));

    TestPeer.Execution hanging = peer().execute("asset", "hang");
    ProcessHandle.of(first).orElseThrow().destroyForcibly();

    assertThatThrownBy(() -> hanging.result().get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("chaincode process for " + packageId + " exited with code 137")
        .hasMessageContaining(hanging.txId());
    long second = Long.parseLong(payload(peer().execute("asset", "pid")));
    assertThat(second).isNotEqualTo(first);
    assertThat(fixture.buildDirectory(packageId).resolve("chaincode.log")).content().contains("$ ");
  }

  @Test
  void anExternalBuilderBuildsAndRunsThePackageWithFabricsContract() throws Exception {
    Path builders = builders();
    fixture =
        LaunchFixture.start(
            data,
            launch ->
                launch.withExternalBuilders(
                    List.of(builders.resolve("failing"), builders.resolve("jar"))));
    Path source = Files.createDirectories(work.resolve("jar-source"));
    ChaincodeJar.write(source.resolve("chaincode.jar"));
    String packageId = fixture.install(source, "jar", "jarcc");
    fixture.define("jarcc", packageId);

    assertThat(payload(peer().execute("jarcc", "pid"))).isNotEmpty();

    Path build = fixture.buildDirectory(packageId);
    assertThat(build.resolve("build.log"))
        .content()
        .contains("jar builder: copying chaincode.jar", "jar builder: nothing to release")
        .contains("built by jar");
    assertThat(build.resolve("run/chaincode.json"))
        .content()
        .contains(
            "\"chaincode_id\":\"" + packageId + "\"",
            "\"peer_address\":\"" + peer().chaincodeAddressText() + "\"",
            "\"mspid\":\"Org1MSP\"");
  }

  @Test
  void aCcaasPackageIsServedByDiallingItsChaincodeServer() throws Exception {
    fixture = LaunchFixture.start(data, UnaryOperator.identity());
    int port = freePort();
    Path source = Files.createDirectories(work.resolve("ccaas"));
    Files.writeString(
        source.resolve("connection.json"),
        "{\"address\":\"127.0.0.1:" + port + "\",\"dial_timeout\":\"10s\",\"tls_required\":false}");
    String packageId = fixture.install(source, "ccaas", "server_1.0");
    closeAfter.add(
        InProcessChaincodeServer.start(new LaunchedChaincode(), packageId, "127.0.0.1:" + port));
    fixture.define("server", packageId);

    assertThat(status(execute("server", "put", "k", "v"))).isEqualTo(200);
    assertThat(payload(peer().execute("server", "pid")))
        .isEqualTo(String.valueOf(ProcessHandle.current().pid()));
    assertThat(peer().chaincodeSupport().registeredChaincodes()).containsExactly(packageId);
  }

  @Test
  void anExternalBuilderThatReleasesAServerConnectionIsDialled() throws Exception {
    Path builders = builders();
    fixture =
        LaunchFixture.start(
            data, launch -> launch.withExternalBuilders(List.of(builders.resolve("server"))));
    int port = freePort();
    Path source = Files.createDirectories(work.resolve("server"));
    Files.writeString(source.resolve("server.json"), "{\"address\":\"127.0.0.1:" + port + "\"}");
    String packageId = fixture.install(source, "server", "released");
    closeAfter.add(
        InProcessChaincodeServer.start(new LaunchedChaincode(), packageId, "127.0.0.1:" + port));
    fixture.define("released", packageId);

    assertThat(payload(peer().execute("released", "pid")))
        .isEqualTo(String.valueOf(ProcessHandle.current().pid()));
  }

  @Test
  void aFailingBuildFailsTheInvocationNamingTheStepAndTheLogAndIsTriedAgainNextTime()
      throws Exception {
    Path builders = builders();
    fixture =
        LaunchFixture.start(
            data, launch -> launch.withExternalBuilders(List.of(builders.resolve("failing"))));
    Path source = Files.createDirectories(work.resolve("broken"));
    Files.writeString(source.resolve("main.c"), "int main(");
    String packageId = fixture.install(source, "broken", "broken_1");
    fixture.define("broken", packageId);
    Path buildLog = fixture.buildDirectory(packageId).resolve("build.log");

    for (int attempt = 1; attempt <= 2; attempt++) {
      TestPeer.Execution execution = peer().execute("broken", "anything");
      assertThatThrownBy(() -> execution.result().get(WAIT_SECONDS, TimeUnit.SECONDS))
          .hasMessageContaining("chaincode broken on channel mychannel: package " + packageId)
          .hasMessageContaining("failed to build")
          .hasMessageContaining("exited with code 3")
          .hasMessageContaining("full build log: " + buildLog);
    }
    assertThat(buildLog).content().contains("error: the chaincode does not compile");
    assertThat(fixture.buildDirectory(packageId).resolve(UnpackedPackage.BUILD_INFO))
        .doesNotExist();
    assertThat(peer().metricsText())
        .contains("chaincode_launch_failures{chaincode=\"" + packageId + "\"} 2");
    peerStillServesChaincode();
  }

  @Test
  void aPackageNoBuilderAcceptsFailsNamingItsTypeAndTheBuildersTried() throws Exception {
    fixture = LaunchFixture.start(data, UnaryOperator.identity());
    Path source = Files.createDirectories(work.resolve("go"));
    Files.writeString(source.resolve("go.mod"), "module example.com/cc\n");
    Files.writeString(source.resolve("main.go"), "package main\n");
    String packageId = fixture.install(source, "golang", "gocc");
    fixture.define("gocc", packageId);

    TestPeer.Execution execution = peer().execute("gocc", "anything");

    assertThatThrownBy(() -> execution.result().get(WAIT_SECONDS, TimeUnit.SECONDS))
        .hasMessageContaining(
            "no builder accepts package "
                + packageId
                + " of type golang (tried built-in ccaas, built-in java, built-in node)");
    peerStillServesChaincode();
  }

  @Test
  void aChaincodeThatNeverRegistersTimesOutAndIsStoppedWithItsChildren() throws Exception {
    Path builders = builders();
    fixture =
        LaunchFixture.start(
            data,
            launch ->
                launch
                    .withStartupTimeout(Duration.ofSeconds(2))
                    .withExternalBuilders(List.of(builders.resolve("silent"))));
    Path source = Files.createDirectories(work.resolve("silent"));
    Files.writeString(source.resolve("README"), "never registers");
    String packageId = fixture.install(source, "silent", "silent");
    fixture.define("silent", packageId);

    TestPeer.Execution execution = peer().execute("silent", "anything");

    assertThatThrownBy(() -> execution.result().get(WAIT_SECONDS, TimeUnit.SECONDS))
        .hasMessageContaining("chaincode silent on channel mychannel: package " + packageId)
        .hasMessageContaining("did not register with the peer within 2s")
        .hasMessageContaining("chaincode.startupTimeout");
    Path run = fixture.buildDirectory(packageId).resolve("run");
    for (String pidFile : List.of("run.pid", "sleep.pid")) {
      long pid = Long.parseLong(Files.readString(run.resolve(pidFile)).trim());
      assertExits(pid);
    }
    assertThat(peer().metricsText())
        .contains("chaincode_launch_timeouts{chaincode=\"" + packageId + "\"} 1");
    peerStillServesChaincode();
  }

  @Test
  void aBuildThatNeverFinishesIsStoppedAtItsTimeLimitAndTheCallersFail() throws Exception {
    Path builders = builders();
    fixture =
        LaunchFixture.start(
            data,
            launch ->
                launch
                    .withStartupTimeout(Duration.ofSeconds(2))
                    .withExternalBuilders(List.of(builders.resolve("stalling"))));
    Path source = Files.createDirectories(work.resolve("stalling"));
    Files.writeString(source.resolve("README"), "never built");
    String packageId = fixture.install(source, "stalling", "stalling");
    fixture.define("stalling", packageId);

    TestPeer.Execution execution = peer().execute("stalling", "anything");

    assertThatThrownBy(() -> execution.result().get(WAIT_SECONDS, TimeUnit.SECONDS))
        .hasMessageContaining("package " + packageId + " failed to build")
        .hasMessageContaining("did not finish within 2s")
        .hasMessageContaining("chaincode.startupTimeout")
        .hasMessageContaining("build.log");
    Path pidFile = fixture.buildDirectory(packageId).resolve("bld/build.pid");
    assertExits(Long.parseLong(Files.readString(pidFile).trim()));
    peerStillServesChaincode();
  }

  @Test
  void aPackageThatIsNotInstalledFailsSayingSo() {
    fixture = LaunchFixture.start(data, UnaryOperator.identity());
    String packageId = "ghost:" + "0".repeat(64);
    fixture.define("ghost", packageId);

    TestPeer.Execution execution = peer().execute("ghost", "anything");

    assertThatThrownBy(() -> execution.result().get(WAIT_SECONDS, TimeUnit.SECONDS))
        .hasMessageContaining(
            "chaincode ghost on channel mychannel: package "
                + packageId
                + " is not installed on this peer");
  }

  @Test
  void aChaincodeStartedByHandAndRegisteredByNameIsUsedInsteadOfLaunching() throws Exception {
    fixture = LaunchFixture.start(data, UnaryOperator.identity());
    fixture.define("asset", "ghost:" + "0".repeat(64));
    try (ScriptedChaincode cc =
        ScriptedChaincode.register(peer().chaincodeAddress(), "asset:1.0")) {
      TestPeer.Execution execution = peer().execute("asset", "anything");
      ChaincodeMessage transaction = cc.expect(ChaincodeMessage.Type.TRANSACTION);
      cc.complete(
          transaction,
          org.hyperledger.fabric.protos.peer.Response.newBuilder()
              .setStatus(200)
              .build()
              .toByteString());
      assertThat(execution.result().get(WAIT_SECONDS, TimeUnit.SECONDS).response().getStatus())
          .isEqualTo(200);
    }
  }

  @Test
  void launchCompletesWithTheReadyChaincodeId() throws Exception {
    fixture = LaunchFixture.start(data, UnaryOperator.identity());
    String packageId = fixture.install(javaSource(), "java", "asset_1.0");
    fixture.define("asset", packageId);

    assertThat(
            peer()
                .chaincodeSupport()
                .launch(TestPeer.CHANNEL, "asset")
                .get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isEqualTo(packageId);
    assertThat(peer().chaincodeSupport().registeredChaincodes()).containsExactly(packageId);
  }

  @Test
  void noChaincodeProcessOutlivesThePeer() throws Exception {
    fixture = LaunchFixture.start(data, UnaryOperator.identity());
    String packageId = fixture.install(javaSource(), "java", "asset_1.0");
    fixture.define("asset", packageId);
    long pid = Long.parseLong(payload(peer().execute("asset", "pid")));
    ProcessHandle chaincode = ProcessHandle.of(pid).orElseThrow();

    fixture.close();
    fixture = null;

    assertThat(chaincode.isAlive()).isFalse();
  }

  private TestPeer peer() {
    return fixture.peer();
  }

  private TestPeer.Execution execute(String chaincode, String... args) {
    return peer().execute(chaincode, args);
  }

  private static int status(TestPeer.Execution execution) throws Exception {
    return execution.result().get(WAIT_SECONDS, TimeUnit.SECONDS).response().getStatus();
  }

  private static String payload(TestPeer.Execution execution) throws Exception {
    ExecutionResult result = execution.result().get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(result.response().getStatus()).isEqualTo(200);
    return result.response().getPayload().toString(StandardCharsets.UTF_8);
  }

  /** A directory holding an executable chaincode jar, as a Java package's source. */
  private Path javaSource() throws IOException {
    Path source = Files.createDirectories(work.resolve("java-source"));
    ChaincodeJar.write(source.resolve("chaincode.jar"));
    return source;
  }

  /** A Java package's source with its jar one directory down, as `weft chaincode deploy` has it. */
  private Path nestedJavaSource() throws IOException {
    Path source = Files.createDirectories(work.resolve("nested-java-source"));
    ChaincodeJar.write(Files.createDirectories(source.resolve("lib")).resolve("chaincode.jar"));
    return source;
  }

  /** The test's external builders, copied with their programs made executable. */
  private Path builders() throws IOException, URISyntaxException {
    Path resources = Path.of(Objects.requireNonNull(getClass().getResource("/builders")).toURI());
    Path copy = work.resolve("builders");
    try (Stream<Path> files = Files.walk(resources)) {
      for (Path file : files.toList()) {
        Path target = copy.resolve(resources.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
          assertThat(target.toFile().setExecutable(true)).isTrue();
        }
      }
    }
    return copy;
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void assertExits(long pid) throws Exception {
    java.util.Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isPresent()) {
      process.get().onExit().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  /** The peer is up: a chaincode started by hand still registers and is served. */
  private void peerStillServesChaincode() {
    try (ScriptedChaincode cc = ScriptedChaincode.register(peer().chaincodeAddress(), "dev:1.0")) {
      assertThat(cc.isClosed()).isFalse();
      assertThat(peer().chaincodeSupport().registeredChaincodes()).contains("dev:1.0");
    }
  }
}
