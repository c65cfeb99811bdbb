package dev.weft.peer.node;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir}: the peer's data directory, shared by {@code start} and the client commands.
 */
final class DataDirectoryOption {

  static final Path DEFAULT = Path.of("weft-data");

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "The peer's data directory (default: ./weft-data).")
  Path dataDirectory;

  /** The chosen directory, or null if none was given. */
  Path chosen() {
    return dataDirectory;
  }

  /** The chosen directory or the default. */
  Path orDefault() {
    return dataDirectory == null ? DEFAULT : dataDirectory;
  }
}
