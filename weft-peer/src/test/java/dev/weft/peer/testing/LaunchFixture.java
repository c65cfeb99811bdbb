package dev.weft.peer.testing;

import dev.weft.peer.chaincode.ChaincodeDefinition;
import dev.weft.peer.chaincode.ChaincodeDefinitions;
import dev.weft.peer.config.HostPort;
import dev.weft.peer.config.LaunchConfig;
import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.lifecycle.ChaincodePackageWriter;
import dev.weft.peer.lifecycle.InstalledChaincodes;
import dev.weft.peer.lifecycle.PackageBuildDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A peer that launches installed packages, for the launcher's tests: a {@link TestPeer} whose data
 * directory is the test's, with chaincode definitions the test sets ({@link #define}) until the
 * {@code _lifecycle} definitions exist.
 */
public final class LaunchFixture implements AutoCloseable {

  private final Path dataDirectory;
  private final Map<String, ChaincodeDefinition> definitions = new ConcurrentHashMap<>();
  private final TestPeer peer;

  private LaunchFixture(Path dataDirectory, UnaryOperator<LaunchConfig> adjust) {
    this.dataDirectory = dataDirectory;
    PeerConfig defaults = PeerConfig.defaults();
    PeerConfig config =
        defaults
            .withNode(defaults.node().withDataDirectory(dataDirectory))
            .withChaincode(defaults.chaincode().withListenAddress(new HostPort("127.0.0.1", 0)))
            .withLaunch(adjust.apply(defaults.launch()));
    ChaincodeDefinitions byName =
        (channelId, name, simulator) -> Optional.ofNullable(definitions.get(name));
    this.peer = TestPeer.start(config, byName);
  }

  /** A peer with its data in {@code dataDirectory} and the launch configuration adjusted. */
  public static LaunchFixture start(Path dataDirectory, UnaryOperator<LaunchConfig> adjust) {
    return new LaunchFixture(dataDirectory, adjust);
  }

  public TestPeer peer() {
    return peer;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Packages {@code source} as Weft's CLI does and installs it; returns the package id. */
  public String install(Path source, String type, String label) {
    try {
      Path packages = Files.createDirectories(dataDirectory.resolve("packages"));
      Path file = packages.resolve(label + ".tar.gz");
      ChaincodePackageWriter.write(source, type, label, file);
      return new InstalledChaincodes(dataDirectory.resolve("lifecycle").resolve("chaincodes"))
          .install(file)
          .packageId();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Defines chaincode {@code name} on every channel as running the package {@code packageId}. */
  public void define(String name, String packageId) {
    definitions.put(name, new ChaincodeDefinition(name, "1.0", 1, false, Optional.of(packageId)));
  }

  /** The build directory of a package, {@code lifecycle/builds/<label>.<hash>}. */
  public Path buildDirectory(String packageId) {
    return dataDirectory
        .resolve("lifecycle")
        .resolve("builds")
        .resolve(PackageBuildDirectories.directoryName(packageId));
  }

  @Override
  public void close() {
    peer.close();
  }
}
