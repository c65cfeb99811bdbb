package dev.weft.peer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.weft.peer.chaincode.ChaincodeException;
import dev.weft.peer.chaincode.PackageBuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Install waits for the package's build, and what a failed build leaves installed. */
class PackageFunctionsTest {

  @TempDir Path directory;
  private InstalledChaincodes installed;
  private InstallChaincodeArgs install;
  private String packageId;
  private final List<String> builds = new ArrayList<>();

  @BeforeEach
  void aPackage() throws Exception {
    installed = new InstalledChaincodes(directory.resolve("chaincodes"));
    Path source = Files.createDirectories(directory.resolve("src"));
    Files.writeString(source.resolve("connection.json"), "{\"address\":\"127.0.0.1:9999\"}");
    byte[] bytes = ChaincodePackageWriter.build(source, "ccaas", "cc_1.0", "cc");
    install =
        InstallChaincodeArgs.newBuilder()
            .setChaincodeInstallPackage(ByteString.copyFrom(bytes))
            .build();
    packageId = ChaincodePackage.packageId("cc_1.0", bytes);
  }

  private PackageFunctions functions(CompletableFuture<String> outcome) {
    return new PackageFunctions(
        installed,
        id -> {
          builds.add(id);
          return outcome;
        });
  }

  @Test
  void aPackageThatCannotBeBuiltIsRemovedAndTheAnswerIsTheBuildsError() {
    PackageFunctions packages =
        functions(
            CompletableFuture.failedFuture(
                new PackageBuildException("package cc failed to build: exit 3", null)));

    assertThatThrownBy(() -> packages.install(install))
        .isInstanceOf(LifecycleException.class)
        .hasMessage("could not build chaincode: package cc failed to build: exit 3");
    assertThat(builds).containsExactly(packageId);
    assertThat(installed.get(packageId)).isEmpty();
  }

  @Test
  void aPackageWhoseBuildCouldNotFinishStaysInstalledForItsLaunch() {
    PackageFunctions packages =
        functions(
            CompletableFuture.failedFuture(new ChaincodeException("the peer is shutting down")));

    assertThatThrownBy(() -> packages.install(install))
        .hasMessage(
            "could not build chaincode: the peer is shutting down; package "
                + packageId
                + " stays installed");
    assertThat(installed.get(packageId)).isPresent();
  }

  @Test
  void installingAgainWaitsForTheBuildThenAnswersThatItIsInstalledAlready() {
    PackageFunctions packages = functions(CompletableFuture.completedFuture("ccaas"));

    assertThat(packages.install(install).getPackageId()).isEqualTo(packageId);
    assertThatThrownBy(() -> packages.install(install))
        .hasMessage("chaincode already successfully installed (package ID '" + packageId + "')");
    assertThat(builds).containsExactly(packageId, packageId);
  }
}
