package dev.weft.peer.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Fabric 2.x chaincode package: a gzip-compressed tar holding {@code metadata.json} and the code
 * archive {@code code.tar.gz}. Immutable; byte arrays are copied in and out.
 */
public final class ChaincodePackage {

  /** The entry name of the code archive inside a package. */
  public static final String CODE_FILE_NAME = "code.tar.gz";

  /** The chaincode type for chaincode as a service (Fabric's ccaas builder ignores case). */
  public static final String CCAAS = "ccaas";

  private final PackageMetadata metadata;
  private final byte[] codeArchive;
  private final ChaincodeServerConnection connection;
  private final String packageId;

  private ChaincodePackage(
      PackageMetadata metadata,
      byte[] codeArchive,
      ChaincodeServerConnection connection,
      String packageId) {
    this.metadata = metadata;
    this.codeArchive = codeArchive.clone();
    this.connection = connection;
    this.packageId = packageId;
  }

  /**
   * Reads the package file at {@code file}.
   *
   * @throws InvalidChaincodePackageException naming the file when it cannot be read or is not a
   *     valid package
   */
  public static ChaincodePackage read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidChaincodePackageException(file.toString(), "no such file", e);
    } catch (IOException e) {
      throw new InvalidChaincodePackageException(file.toString(), "cannot read it: " + e, e);
    }
    return parse(file.toString(), bytes);
  }

  /**
   * The package in {@code bytes}, validated as Fabric's {@code persistence.ParseChaincodePackage}
   * does, and, for chaincode as a service, with its {@code connection.json} parsed.
   *
   * @param source what to call the package in error messages, usually its file name
   * @throws InvalidChaincodePackageException naming {@code source} and what is wrong
   */
  public static ChaincodePackage parse(String source, byte[] bytes) {
    List<TarEntry> entries;
    try {
      entries = TarReader.readGzip(bytes);
    } catch (ArchiveFormatException e) {
      throw new InvalidChaincodePackageException(
          source, "not a chaincode package (a .tar.gz): " + e.getMessage(), e);
    }
    PackageMetadata metadata = null;
    byte[] code = null;
    for (TarEntry entry : entries) {
      // Fabric reads only the top level and requires regular files there; other names are
      // ignored (Fabric logs a warning).
      if (entry.directory()) {
        throw new InvalidChaincodePackageException(
            source, "tar entry " + entry.name() + " is not a regular file");
      }
      switch (entry.name()) {
        case PackageMetadata.FILE_NAME -> metadata = metadata(source, entry.content());
        case CODE_FILE_NAME -> code = entry.content();
        default -> {
          // not part of the package format
        }
      }
    }
    if (code == null) {
      throw new InvalidChaincodePackageException(
          source, "it has no code archive (missing " + CODE_FILE_NAME + ")");
    }
    if (metadata == null) {
      throw new InvalidChaincodePackageException(
          source, "it has no package metadata (missing " + PackageMetadata.FILE_NAME + ")");
    }
    ChaincodeServerConnection connection =
        isCcaas(metadata.type()) ? connection(source, code) : null;
    return new ChaincodePackage(metadata, code, connection, packageId(metadata.label(), bytes));
  }

  /**
   * Fabric's package id: the label, a colon, and the lower-case hex SHA-256 of the whole package
   * file ({@code persistence.PackageID}).
   */
  public static String packageId(String label, byte[] packageBytes) {
    try {
      return label
          + ":"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(packageBytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  static boolean isCcaas(String type) {
    return type.toLowerCase(Locale.ROOT).equals(CCAAS);
  }

  private static PackageMetadata metadata(String source, byte[] json) {
    try {
      return PackageMetadata.parse(json);
    } catch (IllegalArgumentException e) {
      throw new InvalidChaincodePackageException(
          source, "malformed " + PackageMetadata.FILE_NAME + ": " + e.getMessage(), e);
    }
  }

  private static ChaincodeServerConnection connection(String source, byte[] code) {
    List<TarEntry> entries;
    try {
      entries = TarReader.readGzip(code);
    } catch (ArchiveFormatException e) {
      throw new InvalidChaincodePackageException(
          source, "its " + CODE_FILE_NAME + " is not a .tar.gz: " + e.getMessage(), e);
    }
    for (TarEntry entry : entries) {
      // Archives made with 'tar -C dir .' name it ./connection.json.
      String name = entry.name().startsWith("./") ? entry.name().substring(2) : entry.name();
      if (!entry.directory() && name.equals(ChaincodeServerConnection.FILE_NAME)) {
        try {
          return ChaincodeServerConnection.parse(entry.content());
        } catch (IllegalArgumentException e) {
          throw new InvalidChaincodePackageException(
              source,
              "malformed "
                  + ChaincodeServerConnection.FILE_NAME
                  + " in "
                  + CODE_FILE_NAME
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
    }
    return null; // Fabric's ccaas builder reports the missing file when it builds
  }

  /** The package's metadata. */
  public PackageMetadata metadata() {
    return metadata;
  }

  /** The package label. */
  public String label() {
    return metadata.label();
  }

  /** The chaincode type, as written in the metadata. */
  public String type() {
    return metadata.type();
  }

  /** The chaincode path, as written in the metadata. */
  public String path() {
    return metadata.path();
  }

  /** A copy of the code archive, {@code code.tar.gz}. */
  public byte[] codeArchive() {
    return codeArchive.clone();
  }

  /** For chaincode as a service, the parsed {@code connection.json}, if the package has one. */
  public Optional<ChaincodeServerConnection> connection() {
    return Optional.ofNullable(connection);
  }

  /** The package id, {@code label:hex(SHA-256(package file))}. */
  public String packageId() {
    return packageId;
  }

  @Override
  public String toString() {
    return "chaincode package " + packageId + " (" + metadata.type() + ")";
  }
}
