package dev.weft.peer.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds Fabric 2.x chaincode packages from a source directory, as {@code peer lifecycle chaincode
 * package} does. The result depends only on the files' names and contents, the type, label and
 * path: entries are sorted, times are zero and owners fixed, so the same inputs give the same
 * package id.
 */
public final class ChaincodePackageWriter {

  /** Fabric's owner and group id for files in a code archive. */
  private static final int CODE_OWNER = 500;

  private ChaincodePackageWriter() {}

  /**
   * Packages {@code directory} as a chaincode of {@code type} labelled {@code label} and writes the
   * package to {@code output}.
   *
   * @return the package as written, with its package id
   * @throws InvalidChaincodePackageException naming {@code output} when the package cannot be built
   *     or written
   */
  public static ChaincodePackage write(Path directory, String type, String label, Path output) {
    byte[] bytes = build(directory, type, label, output.toString());
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(output, bytes);
    } catch (IOException e) {
      throw new InvalidChaincodePackageException(output.toString(), "cannot write it: " + e, e);
    }
    return ChaincodePackage.parse(output.toString(), bytes);
  }

  /**
   * The bytes of a package of {@code directory} as a chaincode of {@code type} labelled {@code
   * label}.
   *
   * @param name what to call the package in error messages
   * @throws InvalidChaincodePackageException naming {@code name} when the inputs are wrong
   */
  public static byte[] build(Path directory, String type, String label, String name) {
    return build(directory, type, label, name, null);
  }

  /**
   * As {@link #build(Path, String, String, String)}, with {@code metadataPath} as metadata.json's
   * path instead of the one the directory gives (for code assembled in a temporary directory, whose
   * name would otherwise make every package of the same code different).
   */
  public static byte[] build(
      Path directory, String type, String label, String name, String metadataPath) {
    try {
      if (!Files.isDirectory(directory)) {
        throw new IllegalArgumentException(
            "the chaincode path " + directory + " is not a directory");
      }
      CodeLayout layout = CodeLayout.of(type);
      PackageMetadata metadata =
          new PackageMetadata(
              type,
              label,
              metadataPath != null ? metadataPath : layout.metadataPath(type, directory));
      List<TarEntry> code = new ArrayList<>();
      collect(directory, "", layout, code);
      if (code.isEmpty()) {
        throw new IllegalArgumentException("no source files found in " + directory);
      }
      byte[] codeArchive = TarWriter.writeGzip(code, CODE_OWNER);
      return TarWriter.writeGzip(
          List.of(
              TarEntry.file(PackageMetadata.FILE_NAME, metadata.toJson()),
              TarEntry.file(ChaincodePackage.CODE_FILE_NAME, codeArchive)),
          0);
    } catch (IllegalArgumentException e) {
      throw new InvalidChaincodePackageException(name, e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new InvalidChaincodePackageException(
          name, "cannot read the sources: " + e.getCause(), e);
    }
  }

  /** Adds the files under {@code directory} in name order, the order of Go's filepath.Walk. */
  private static void collect(
      Path directory, String relative, CodeLayout layout, List<TarEntry> entries) {
    List<Path> children;
    try (Stream<Path> listing = Files.list(directory)) {
      children = listing.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path child : children) {
      String name = child.getFileName().toString();
      String path = relative + name;
      // Symbolic links to directories are not followed, so a link cannot make the walk loop.
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        if (!layout.excludesDirectory(name)) {
          collect(child, path + "/", layout, entries);
        }
      } else if (Files.isRegularFile(child)
          && !layout.excludesFile(name)
          // Fabric skips hidden files among the metadata (state database indexes).
          && !(path.startsWith("META-INF/") && name.startsWith("."))) {
        try {
          entries.add(TarEntry.file(layout.entryName(path), Files.readAllBytes(child)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
