package dev.weft.peer.chaincode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The built-in chaincode-as-a-service builder, after Fabric's {@code ccaas_builder}: for packages
 * of type {@code ccaas} (any case), it checks the package's {@code connection.json} and releases it
 * as {@code chaincode/server/connection.json}, which makes the peer dial the chaincode server
 * instead of starting a process. Unlike Fabric's, it does not fill in Go templates ({@code
 * {{.peername}}}) in the file.
 */
final class CcaasBuilder implements ChaincodeBuilder {

  static final String NAME = "ccaas";

  private final InstalledPackages packages;

  CcaasBuilder(InstalledPackages packages) {
    this.packages = packages;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean detects(BuildSession session) {
    return session.unpacked().type().toLowerCase(Locale.ROOT).equals(NAME);
  }

  @Override
  public void build(BuildSession session) {
    UnpackedPackage unpacked = session.unpacked();
    Path connection = unpacked.source().resolve("connection.json");
    if (!Files.isRegularFile(connection)) {
      throw new BuildFailure(
          "the ccaas package has no connection.json at the top of its code.tar.gz");
    }
    try {
      ChaincodeServerEndpoint endpoint = packages.readServerConnection(connection);
      session.note("chaincode server at " + endpoint.address());
    } catch (IllegalArgumentException e) {
      throw new BuildFailure("its connection.json is invalid: " + e.getMessage(), e);
    }
    try {
      Path released = Launcher.releasedConnection(unpacked);
      Files.createDirectories(released.getParent());
      Files.copy(connection, released, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Path metaInf = unpacked.source().resolve("META-INF");
      if (Files.isDirectory(metaInf)) {
        FileTree.copy(metaInf, unpacked.output().resolve("META-INF"));
      }
    } catch (IOException e) {
      throw new BuildFailure("cannot release connection.json: " + e, e);
    }
  }

  @Override
  public ChildProcess run(UnpackedPackage built, RunContext context) {
    throw new BuildFailure(
        "the ccaas build of "
            + built.packageId()
            + " released no chaincode/server/connection.json; rebuild it by removing "
            + built.buildInfo());
  }
}
