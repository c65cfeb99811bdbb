package dev.weft.peer.chaincode;

import java.nio.file.Path;

/**
 * An installed package unpacked for building, in the layout of Fabric's external builders: {@code
 * src/} holds the contents of its {@code code.tar.gz}, {@code metadata/metadata.json} its metadata,
 * {@code bld/} the build output, {@code release/} what the build releases, {@code run/} the run
 * metadata of the running chaincode. Beside them: {@code build.log}, the output of the build,
 * {@code chaincode.log}, the output of the chaincode's processes, and {@code
 * build-info.properties}, written when a build completed.
 *
 * @param packageId the package id, {@code label:hash}
 * @param type the chaincode type from the package metadata, as written there
 * @param directory the package's build directory, {@code
 *     <data-dir>/lifecycle/builds/<label>.<hash>}
 */
public record UnpackedPackage(String packageId, String type, Path directory) {

  /** The name of the file that marks a complete build. */
  public static final String BUILD_INFO = "build-info.properties";

  /** Fabric's {@code SOURCE}: the contents of {@code code.tar.gz}. */
  public Path source() {
    return directory.resolve("src");
  }

  /** Fabric's {@code METADATA}: the directory holding {@code metadata.json}. */
  public Path metadata() {
    return directory.resolve("metadata");
  }

  /** Fabric's {@code OUTPUT} ({@code BUILD_OUTPUT_DIR}): what the build produced. */
  public Path output() {
    return directory.resolve("bld");
  }

  /** Fabric's {@code RELEASE}: what a builder's {@code release} exposes to the peer. */
  public Path release() {
    return directory.resolve("release");
  }

  /** Fabric's {@code RUN_METADATA}: where {@code chaincode.json} is written for {@code run}. */
  public Path run() {
    return directory.resolve("run");
  }

  /** The combined output of the build, written line by line as it happens. */
  public Path buildLog() {
    return directory.resolve("build.log");
  }

  /** The combined output of the chaincode's processes, appended line by line. */
  public Path chaincodeLog() {
    return directory.resolve("chaincode.log");
  }

  /** Written last by a successful build: which builder built the package. */
  public Path buildInfo() {
    return directory.resolve(BUILD_INFO);
  }
}
