package dev.weft.peer.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a chaincode type's source directory goes into {@code code.tar.gz}, following the platforms of
 * Fabric's {@code peer lifecycle chaincode package}: for Go, Java and Node the sources go under
 * {@code src/} and a top-level {@code META-INF/} (state database indexes) stays at the top;
 * chaincode as a service and external builder types get the directory as it is.
 */
enum CodeLayout {
  /** Fabric's Node platform: everything but {@code node_modules/}. */
  NODE(true, Set.of("node_modules"), false, null),
  /** Fabric's Java platform: no build output directories and no compiled classes. */
  JAVA(true, Set.of("target", "build", "out"), false, ".class"),
  /** Fabric's Go platform for a module: the module's files, without hidden directories. */
  GOLANG(true, Set.of(), true, null),
  /** Chaincode as a service and external types: the directory as it is. */
  AS_IS(false, Set.of(), false, null);

  private static final Pattern MODULE =
      Pattern.compile("^\\s*module\\s+\"?([^\"\\s]+)\"?\\s*$", Pattern.MULTILINE);

  private final boolean sourcesUnderSrc;
  private final Set<String> excludedDirectories;
  private final boolean excludeHiddenDirectories;
  private final String excludedExtension;

  CodeLayout(
      boolean sourcesUnderSrc,
      Set<String> excludedDirectories,
      boolean excludeHiddenDirectories,
      String excludedExtension) {
    this.sourcesUnderSrc = sourcesUnderSrc;
    this.excludedDirectories = excludedDirectories;
    this.excludeHiddenDirectories = excludeHiddenDirectories;
    this.excludedExtension = excludedExtension;
  }

  /** The layout for a chaincode type; types Fabric's CLI does not know are kept as they are. */
  static CodeLayout of(String type) {
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "node" -> NODE;
      case "java" -> JAVA;
      case "golang" -> GOLANG;
      default -> AS_IS;
    };
  }

  /** Whether a directory with this name is left out ({@code .git} always is, as in Fabric). */
  boolean excludesDirectory(String name) {
    return name.equals(".git")
        || excludedDirectories.contains(name)
        || excludeHiddenDirectories && name.startsWith(".");
  }

  /** Whether a file with this name is left out. */
  boolean excludesFile(String name) {
    return excludedExtension != null && name.endsWith(excludedExtension);
  }

  /**
   * The entry name of a file, given its {@code /}-separated path relative to the source directory.
   */
  String entryName(String relative) {
    return !sourcesUnderSrc || relative.startsWith("META-INF/") ? relative : "src/" + relative;
  }

  /**
   * The {@code path} to record in the metadata: for Go the module path (Fabric's {@code
   * NormalizePath}), for chaincode as a service none, otherwise the path as the user gave it.
   */
  String metadataPath(String type, Path directory) {
    if (ChaincodePackage.isCcaas(type)) {
      return "";
    }
    if (this != GOLANG) {
      return directory.toString();
    }
    Path goMod = directory.resolve("go.mod");
    try {
      Matcher module = MODULE.matcher(Files.readString(goMod));
      if (module.find()) {
        return module.group(1);
      }
      throw new IllegalArgumentException(goMod + " has no module line");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "a golang chaincode must be a Go module: cannot read " + goMod + " (" + e + ")", e);
    }
  }
}
