package dev.weft.peer.chaincode;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The chaincode packages installed on this peer, as the launcher needs them (implemented by the
 * lifecycle, which owns the package formats): unpacked into a directory to build in, and the
 * chaincode-as-a-service {@code connection.json} files read.
 */
public interface InstalledPackages {

  /** No packages installed: every chaincode runs in development mode. */
  InstalledPackages NONE =
      new InstalledPackages() {
        @Override
        public Optional<UnpackedPackage> unpack(String packageId) {
          return Optional.empty();
        }

        @Override
        public ChaincodeServerEndpoint readServerConnection(Path connectionJson) {
          throw new IllegalArgumentException("no chaincode packages on this peer");
        }
      };

  /**
   * The installed package {@code packageId}, unpacked into its build directory: the result of an
   * earlier complete build ({@link UnpackedPackage#buildInfo()} exists) is kept as it is; anything
   * else there is replaced by a fresh copy of the package's code and metadata. Empty when the
   * package is not installed.
   *
   * @throws RuntimeException with a message saying what failed when the package cannot be read or
   *     unpacked
   */
  Optional<UnpackedPackage> unpack(String packageId);

  /**
   * Reads a chaincode server's {@code connection.json} (Fabric's ccaas format).
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  ChaincodeServerEndpoint readServerConnection(Path connectionJson);
}
