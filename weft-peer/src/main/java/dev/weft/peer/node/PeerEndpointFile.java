package dev.weft.peer.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code <data-dir>/peer.address}: where the peer using a data directory listens for clients
 * ({@code host:port}), written when it starts and removed when it stops, so that the client
 * commands find it from the same {@code --data-dir}.
 */
final class PeerEndpointFile {

  private static final String NAME = "peer.address";

  private PeerEndpointFile() {}

  static void write(Path dataDirectory, String address) {
    Path file = dataDirectory.resolve(NAME);
    Path temporary = dataDirectory.resolve(NAME + ".tmp");
    try {
      Files.writeString(temporary, address + "\n");
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static void remove(Path dataDirectory) {
    try {
      Files.deleteIfExists(dataDirectory.resolve(NAME));
    } catch (IOException e) {
      // Only a stale hint is left; the next start overwrites it.
    }
  }

  /** The address a running peer wrote, if any. */
  static Optional<String> read(Path dataDirectory) {
    Path file = dataDirectory.resolve(NAME);
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static Path path(Path dataDirectory) {
    return dataDirectory.resolve(NAME);
  }
}
