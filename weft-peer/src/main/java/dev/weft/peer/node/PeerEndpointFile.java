package dev.weft.peer.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code <data-dir>/peer.address}: where the peer using a data directory listens for clients
 * ({@code host:port}), where its operations endpoint is ({@code operations HOST:PORT}) and, if it
 * speaks TLS, the CA certificate to trust ({@code tls-ca PATH}); written when it starts and removed
 * when it stops, so that the client commands find it from the same {@code --data-dir}.
 */
final class PeerEndpointFile {

  /**
   * A peer endpoint.
   *
   * @param address {@code host:port}
   * @param tlsCa the TLS CA certificate to trust, or null for plaintext
   * @param operations the operations endpoint, {@code host:port}, or null if not known
   */
  record Endpoint(String address, Path tlsCa, String operations) {}

  private static final String TLS_CA = "tls-ca ";
  private static final String OPERATIONS = "operations ";

  private static final String NAME = "peer.address";

  private PeerEndpointFile() {}

  static void write(Path dataDirectory, Endpoint endpoint) {
    Path file = dataDirectory.resolve(NAME);
    Path temporary = dataDirectory.resolve(NAME + ".tmp");
    try {
      Files.writeString(
          temporary,
          endpoint.address()
              + "\n"
              + (endpoint.tlsCa() == null ? "" : TLS_CA + endpoint.tlsCa().toAbsolutePath() + "\n")
              + (endpoint.operations() == null ? "" : OPERATIONS + endpoint.operations() + "\n"));
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

  /** The endpoint a running peer wrote, if any. */
  static Optional<Endpoint> read(Path dataDirectory) {
    Path file = dataDirectory.resolve(NAME);
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(file);
      if (lines.isEmpty() || lines.get(0).isBlank()) {
        return Optional.empty(); // being written, or left empty by a crash
      }
      Path tlsCa =
          lines.stream()
              .filter(line -> line.startsWith(TLS_CA))
              .map(line -> Path.of(line.substring(TLS_CA.length()).trim()))
              .findFirst()
              .orElse(null);
      String operations =
          lines.stream()
              .filter(line -> line.startsWith(OPERATIONS))
              .map(line -> line.substring(OPERATIONS.length()).trim())
              .findFirst()
              .orElse(null);
      return Optional.of(new Endpoint(lines.get(0).trim(), tlsCa, operations));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static Path path(Path dataDirectory) {
    return dataDirectory.resolve(NAME);
  }
}
