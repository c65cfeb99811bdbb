package dev.weft.peer.node;

import dev.weft.peer.lifecycle.ChaincodePackage;
import dev.weft.peer.lifecycle.ChaincodePackageWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code weft chaincode deploy} was given, made into a Fabric chaincode package: a prepared
 * package ({@code .tar.gz}), an executable jar, or a source directory whose type its files tell
 * ({@code package.json}: node, {@code pom.xml}: java, {@code connection.json}: ccaas, {@code
 * go.mod}: golang) unless {@code --lang} names it.
 */
final class DeploySource {

  /**
   * A package ready to install.
   *
   * @param bytes the package file's bytes
   * @param chaincode what they hold
   */
  record Prepared(byte[] bytes, ChaincodePackage chaincode) {}

  private DeploySource() {}

  /**
   * The package for {@code source}; a package built here is labelled {@code label}.
   *
   * @param lang the chaincode type, or null to tell it from the files
   */
  static Prepared prepare(Path source, String lang, String label) {
    if (!Files.exists(source)) {
      throw new IllegalArgumentException("cannot deploy " + source + ": no such file or directory");
    }
    if (Files.isDirectory(source)) {
      String type = lang != null ? lang : typeOf(source);
      return parse(source, ChaincodePackageWriter.build(source, type, label, source.toString()));
    }
    String name = source.getFileName().toString();
    if (name.endsWith(".jar")) {
      return jarPackage(source, lang == null ? "java" : lang, label);
    }
    if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(source);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
      }
      return parse(source, bytes);
    }
    throw new IllegalArgumentException(
        "cannot deploy "
            + source
            + ": give a chaincode source directory, an executable .jar or a chaincode package"
            + " (.tar.gz)");
  }

  private static String typeOf(Path directory) {
    List<String[]> markers =
        List.of(
            new String[] {"connection.json", "ccaas"},
            new String[] {"package.json", "node"},
            new String[] {"pom.xml", "java"},
            new String[] {"go.mod", "golang"});
    for (String[] marker : markers) {
      if (Files.isRegularFile(directory.resolve(marker[0]))) {
        return marker[1];
      }
    }
    throw new IllegalArgumentException(
        "cannot tell what kind of chaincode "
            + directory
            + " holds: it has no package.json (node), pom.xml (java), connection.json (ccaas) or"
            + " go.mod (golang); name the type with --lang");
  }

  /** A java package whose code is the jar alone, which the java builder runs with java -jar. */
  private static Prepared jarPackage(Path jar, String type, String label) {
    Path directory = null;
    try {
      directory = Files.createTempDirectory("weft-deploy-");
      Files.copy(jar, directory.resolve(jar.getFileName()));
      // The jar's own name as the package's path: the same jar always makes the same package.
      return parse(
          jar,
          ChaincodePackageWriter.build(
              directory, type, label, jar.toString(), jar.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot package " + jar + ": " + e.getMessage(), e);
    } finally {
      delete(directory);
    }
  }

  private static Prepared parse(Path source, byte[] bytes) {
    return new Prepared(bytes, ChaincodePackage.parse(source.toString(), bytes));
  }

  private static void delete(Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }

  /** The default label of a chaincode's package: {@code name_version}, as Fabric's samples use. */
  static String defaultLabel(String name, String version) {
    return name + "_" + version;
  }
}
