package dev.weft.peer.lifecycle;

import dev.weft.peer.chaincode.ChaincodeServerEndpoint;
import dev.weft.peer.chaincode.InstalledPackages;
import dev.weft.peer.chaincode.UnpackedPackage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The installed packages as the launcher builds them: each unpacked into {@code
 * <builds>/<label>.<hash>/} in the layout of Fabric's external builders ({@code src/} the contents
 * of {@code code.tar.gz}, {@code metadata/metadata.json}). A directory whose build completed is
 * kept as it is across restarts; any other is unpacked afresh.
 */
public final class PackageBuildDirectories implements InstalledPackages {

  private static final Pattern GO_DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

  private final InstalledChaincodes installed;
  private final Path builds;

  /**
   * @param installed the installed packages
   * @param builds the directory of the build directories ({@code <data-dir>/lifecycle/builds})
   */
  public PackageBuildDirectories(InstalledChaincodes installed, Path builds) {
    this.installed = installed;
    this.builds = builds;
  }

  @Override
  public Optional<UnpackedPackage> unpack(String packageId) {
    Optional<ChaincodePackage> found = installed.get(packageId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ChaincodePackage chaincode = found.get();
    UnpackedPackage unpacked =
        new UnpackedPackage(packageId, chaincode.type(), builds.resolve(directoryName(packageId)));
    if (Files.isRegularFile(unpacked.buildInfo())) {
      return Optional.of(unpacked);
    }
    try {
      ownerOnly(builds);
      delete(unpacked.source());
      delete(unpacked.metadata());
      Files.createDirectories(unpacked.source());
      Files.createDirectories(unpacked.metadata());
      Files.write(
          unpacked.metadata().resolve(PackageMetadata.FILE_NAME), chaincode.metadata().toJson());
      extract(chaincode, unpacked.source());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot unpack " + packageId + " into " + unpacked.directory() + ": " + e, e);
    }
    return Optional.of(unpacked);
  }

  @Override
  public ChaincodeServerEndpoint readServerConnection(Path connectionJson) {
    byte[] json;
    try {
      json = Files.readAllBytes(connectionJson);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + connectionJson + ": " + e, e);
    }
    ChaincodeServerConnection connection = ChaincodeServerConnection.parse(json);
    if (connection.address().contains("{{") || connection.dialTimeout().contains("{{")) {
      throw new IllegalArgumentException(
          "it uses Go templates ('"
              + connection.address()
              + "'), which Weft's built-in ccaas builder does not fill in; write the address"
              + " itself");
    }
    return new ChaincodeServerEndpoint(
        connection.address(),
        goDuration(connection.dialTimeout()),
        connection.tlsRequired(),
        connection.clientAuthRequired(),
        connection.clientKey(),
        connection.clientCert(),
        connection.rootCert());
  }

  /**
   * The name of a package's build directory under {@code <data-dir>/lifecycle/builds}: the package
   * id with its {@code :} turned into {@code .}, as the install store names files.
   */
  public static String directoryName(String packageId) {
    int colon = packageId.indexOf(':');
    return packageId.substring(0, colon) + "." + packageId.substring(colon + 1);
  }

  /**
   * A Go duration such as {@code 10s}, {@code 1m30s} or {@code 500ms}; empty means none (zero).
   *
   * @throws IllegalArgumentException when it is not one
   */
  static Duration goDuration(String text) {
    if (text.isEmpty() || text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher part = GO_DURATION_PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (part.find() && part.start() == end) {
      BigDecimal unit =
          switch (part.group(2)) {
            case "ns" -> BigDecimal.ONE;
            case "us", "µs" -> BigDecimal.valueOf(1_000);
            case "ms" -> BigDecimal.valueOf(1_000_000);
            case "s" -> BigDecimal.valueOf(1_000_000_000);
            case "m" -> BigDecimal.valueOf(60_000_000_000L);
            default -> BigDecimal.valueOf(3_600_000_000_000L);
          };
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(unit));
      end = part.end();
    }
    if (end != text.length() || end == 0) {
      throw new IllegalArgumentException(
          "dial_timeout '" + text + "' is not a duration such as \"10s\" or \"500ms\"");
    }
    return Duration.ofNanos(nanos.longValue());
  }

  private static void extract(ChaincodePackage chaincode, Path target) throws IOException {
    List<TarEntry> entries;
    try {
      entries = TarReader.readGzip(chaincode.codeArchive());
    } catch (ArchiveFormatException e) {
      throw new IOException(
          "its " + ChaincodePackage.CODE_FILE_NAME + " is not a .tar.gz: " + e.getMessage(), e);
    }
    Path root = target.toAbsolutePath().normalize();
    for (TarEntry entry : entries) {
      String name = entry.name();
      if (name.startsWith("/") || List.of(name.split("/")).contains("..")) {
        throw new IOException(
            "illegal file path in " + ChaincodePackage.CODE_FILE_NAME + ": " + entry.name());
      }
      Path path = root.resolve(name).normalize();
      if (!path.startsWith(root)) {
        throw new IOException(
            "illegal file path in " + ChaincodePackage.CODE_FILE_NAME + ": " + entry.name());
      }
      if (entry.directory()) {
        Files.createDirectories(path);
      } else {
        Files.createDirectories(path.getParent());
        Files.write(path, entry.content());
      }
    }
  }

  private static void delete(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    }
  }

  /**
   * Creates {@code directory} if needed and makes it the owner's only: packages may hold secrets (a
   * chaincode server's client key in connection.json), and other users must not read them.
   */
  private static void ownerOnly(Path directory) throws IOException {
    Files.createDirectories(directory);
    if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(
          directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
  }
}
