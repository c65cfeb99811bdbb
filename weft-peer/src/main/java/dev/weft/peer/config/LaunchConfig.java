package dev.weft.peer.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How the peer builds and starts the runtimes of installed chaincode packages.
 *
 * @param startupTimeout how long a launched chaincode may take to start and register
 * @param externalBuilders directories of Fabric-style external builders, tried in order before the
 *     built-in builders
 */
public record LaunchConfig(Duration startupTimeout, List<Path> externalBuilders) {

  public LaunchConfig {
    if (startupTimeout.isNegative() || startupTimeout.isZero()) {
      throw new IllegalArgumentException(
          Setting.CHAINCODE_STARTUP_TIMEOUT.key() + " must be positive");
    }
    externalBuilders = List.copyOf(externalBuilders);
  }

  /** The same configuration with another startup timeout. */
  public LaunchConfig withStartupTimeout(Duration timeout) {
    return new LaunchConfig(timeout, externalBuilders);
  }

  /** The same configuration with other external builders. */
  public LaunchConfig withExternalBuilders(List<Path> builders) {
    return new LaunchConfig(startupTimeout, builders);
  }

  /** Parses a comma-separated list of directories; blank parts are skipped. */
  static List<Path> parseBuilders(String text) {
    return Arrays.stream(text.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(Path::of)
        .toList();
  }
}
