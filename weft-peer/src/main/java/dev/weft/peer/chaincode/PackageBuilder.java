package dev.weft.peer.chaincode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Builds each package once with the first builder that accepts it, trying the external builders in
 * their configured order, then the built-in ones. A complete build is recorded in the package's
 * {@code build-info.properties} (which builder made it) and kept across restarts; a build without
 * that record, or made by a builder no longer configured, is done again from scratch.
 */
final class PackageBuilder {

  private static final String BUILDER = "builder";

  private final List<ChaincodeBuilder> builders;
  private final ChildProcesses processes;
  private final java.time.Duration timeLimit;

  /**
   * @param timeLimit how long one package's build may take, all its commands together
   */
  PackageBuilder(
      List<ChaincodeBuilder> builders, ChildProcesses processes, java.time.Duration timeLimit) {
    this.timeLimit = timeLimit;
    this.builders = List.copyOf(builders);
    this.processes = processes;
  }

  /**
   * The builder that built the package, building it first if need be.
   *
   * @throws BuildFailure saying which step failed and why
   */
  ChaincodeBuilder build(UnpackedPackage unpacked) {
    Optional<ChaincodeBuilder> earlier = earlierBuild(unpacked);
    if (earlier.isPresent()) {
      try (LogFile buildLog = LogFile.append(unpacked.buildLog())) {
        buildLog.line("using the earlier build by " + earlier.get().name());
      }
      return earlier.get();
    }
    try (LogFile buildLog = LogFile.truncate(unpacked.buildLog())) {
      BuildSession session = new BuildSession(unpacked, processes, buildLog, timeLimit);
      try {
        for (Path directory : List.of(unpacked.output(), unpacked.release(), unpacked.run())) {
          FileTree.delete(directory);
          Files.createDirectories(directory);
        }
      } catch (IOException e) {
        throw new BuildFailure("cannot prepare the build directories: " + e, e);
      }
      // The first line names the build's start, so that someone following the log sees a new one.
      session.note(
          "building "
              + unpacked.packageId()
              + " (type "
              + unpacked.type()
              + ") at "
              + java.time.Instant.now());
      ChaincodeBuilder builder = detect(session);
      session.note("builder " + builder.name() + " accepts it");
      builder.build(session);
      record(unpacked, builder);
      session.note("built by " + builder.name());
      return builder;
    }
  }

  private ChaincodeBuilder detect(BuildSession session) {
    for (ChaincodeBuilder builder : builders) {
      if (builder.detects(session)) {
        return builder;
      }
    }
    UnpackedPackage unpacked = session.unpacked();
    throw new BuildFailure(
        "no builder accepts package "
            + unpacked.packageId()
            + " of type "
            + unpacked.type()
            + " (tried "
            + describeBuilders()
            + "); configure an external builder for it in chaincode.externalBuilders");
  }

  /** The builders in the order they are tried, for error messages. */
  String describeBuilders() {
    return builders.stream()
        .map(
            b ->
                b instanceof ExternalBuilder e
                    ? "external " + e.location()
                    : "built-in " + b.name())
        .collect(Collectors.joining(", "));
  }

  private Optional<ChaincodeBuilder> earlierBuild(UnpackedPackage unpacked) {
    Path info = unpacked.buildInfo();
    if (!Files.isRegularFile(info)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(info)) {
      properties.load(in);
    } catch (IOException e) {
      return Optional.empty();
    }
    String name = properties.getProperty(BUILDER, "");
    return builders.stream().filter(b -> b.name().equals(name)).findFirst();
  }

  private static void record(UnpackedPackage unpacked, ChaincodeBuilder builder) {
    Properties properties = new Properties();
    properties.setProperty(BUILDER, builder.name());
    Path info = unpacked.buildInfo();
    Path temporary = info.resolveSibling(info.getFileName() + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary)) {
        properties.store(out, "written when " + unpacked.packageId() + " was built");
      }
      // Renamed into place: a crash during the build never leaves a record of a complete one.
      Files.move(temporary, info, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new BuildFailure("cannot record the build in " + info + ": " + e, e);
    }
  }
}
