package dev.weft.peer.chaincode;

import dev.weft.peer.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Fabric external builder: a directory whose {@code bin/} holds the programs {@code detect SOURCE
 * METADATA}, {@code build SOURCE METADATA OUTPUT}, optionally {@code release OUTPUT RELEASE}, and
 * {@code run OUTPUT RUN_METADATA} (not needed when {@code release} writes a chaincode server's
 * {@code chaincode/server/connection.json}). Its name is the directory's name. Its programs get
 * only the environment Fabric propagates by default.
 */
final class ExternalBuilder implements ChaincodeBuilder {

  private final Path location;
  private final Map<String, String> environment;

  ExternalBuilder(Path location, Map<String, String> peerEnvironment) {
    this.location = location.toAbsolutePath();
    this.environment = ChaincodeEnvironment.propagated(peerEnvironment);
  }

  @Override
  public String name() {
    Path name = location.getFileName();
    return name == null ? location.toString() : name.toString();
  }

  Path location() {
    return location;
  }

  @Override
  public boolean detects(BuildSession session) {
    Path detect = program("detect");
    if (!Files.isExecutable(detect)) {
      session.note("external builder " + name() + " has no executable " + detect + "; skipped");
      return false;
    }
    UnpackedPackage unpacked = session.unpacked();
    return session.exitCode(
            command(detect, unpacked.directory(), unpacked.source(), unpacked.metadata()))
        == 0;
  }

  @Override
  public void build(BuildSession session) {
    UnpackedPackage unpacked = session.unpacked();
    Path build = program("build");
    if (!Files.isExecutable(build)) {
      throw new BuildFailure("external builder " + name() + " has no executable " + build);
    }
    session.run(
        command(
            build,
            unpacked.directory(),
            unpacked.source(),
            unpacked.metadata(),
            unpacked.output()));
    Path release = program("release");
    if (Files.isExecutable(release)) {
      session.run(command(release, unpacked.directory(), unpacked.output(), unpacked.release()));
    }
  }

  @Override
  public ChildProcess run(UnpackedPackage built, RunContext context) {
    Path run = program("run");
    if (!Files.isExecutable(run)) {
      throw new BuildFailure(
          "external builder "
              + name()
              + " released no chaincode/server/connection.json and has no executable "
              + run);
    }
    Path runMetadata = built.run();
    try {
      ChaincodeEnvironment.secret(runMetadata, "chaincode.json", chaincodeJson(context));
    } catch (IOException e) {
      throw new BuildFailure("cannot write " + runMetadata.resolve("chaincode.json") + ": " + e, e);
    }
    return context.start(command(run, built.directory(), built.output(), runMetadata));
  }

  /** Fabric's run configuration, with its field names. */
  private static String chaincodeJson(RunContext context) {
    Optional<ChaincodeTlsCredentials> tls = context.tls();
    return "{\"chaincode_id\":"
        + Json.string(context.chaincodeId())
        + ",\"peer_address\":"
        + Json.string(context.peerAddress())
        + ",\"client_cert\":"
        + Json.string(tls.map(ChaincodeTlsCredentials::clientCertificatePem).orElse(""))
        + ",\"client_key\":"
        + Json.string(tls.map(ChaincodeTlsCredentials::clientKeyPem).orElse(""))
        + ",\"root_cert\":"
        + Json.string(tls.map(ChaincodeTlsCredentials::rootCertificatePem).orElse(""))
        + ",\"mspid\":"
        + Json.string(context.mspId())
        + "}";
  }

  private Path program(String name) {
    return location.resolve("bin").resolve(name);
  }

  private Command command(Path program, Path workingDirectory, Path... arguments) {
    List<String> line =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(program), java.util.Arrays.stream(arguments))
            .map(Path::toString)
            .toList();
    return new Command(line, workingDirectory, environment);
  }

  @Override
  public String toString() {
    return "external builder " + name() + " (" + location + ")";
  }
}
