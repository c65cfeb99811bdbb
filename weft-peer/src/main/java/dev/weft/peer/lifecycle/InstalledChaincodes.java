package dev.weft.peer.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The chaincode packages installed on this peer, one file each in a directory, named as Fabric's
 * chaincode store names them: the package id with its {@code :} turned into {@code .}, plus {@code
 * .tar.gz} ({@code basic_1.0.<sha256>.tar.gz}).
 */
public final class InstalledChaincodes {

  private static final Pattern FILE_NAME = Pattern.compile("^(.+)[.]([0-9a-f]{64})[.]tar[.]gz$");

  private final Path directory;

  /** The packages in {@code directory}, which is created on the first install. */
  public InstalledChaincodes(Path directory) {
    this.directory = directory;
  }

  /**
   * Installs the package in {@code file} after checking that it is one; returns it.
   *
   * @throws InvalidChaincodePackageException if it is not a valid package
   * @throws IllegalStateException if the same package is installed already, with Fabric's message
   */
  public ChaincodePackage install(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the chaincode package " + file, e);
    }
    // The bytes checked and hashed are the bytes stored, whatever happens to the file meanwhile.
    return install(file.toString(), bytes);
  }

  /**
   * Installs the package {@code bytes} after checking that it is one; returns it.
   *
   * @param source what to call the package in error messages
   * @throws InvalidChaincodePackageException if it is not a valid package
   * @throws IllegalStateException if the same package is installed already, with Fabric's message
   */
  public ChaincodePackage install(String source, byte[] bytes) {
    Installation installation = installOrFind(source, bytes);
    if (!installation.installedNow()) {
      throw new IllegalStateException(alreadyInstalled(installation.chaincode().packageId()));
    }
    return installation.chaincode();
  }

  /**
   * A package checked and installed, or found installed already.
   *
   * @param chaincode the package
   * @param installedNow whether this call installed it
   */
  public record Installation(ChaincodePackage chaincode, boolean installedNow) {}

  /** Fabric's answer to an install of a package that is installed already. */
  public static String alreadyInstalled(String packageId) {
    return "chaincode already successfully installed (package ID '" + packageId + "')";
  }

  /**
   * Installs the package {@code bytes} after checking that it is one, unless it is installed
   * already.
   *
   * @param source what to call the package in error messages
   * @throws InvalidChaincodePackageException if it is not a valid package
   */
  public Installation installOrFind(String source, byte[] bytes) {
    ChaincodePackage chaincode = ChaincodePackage.parse(source, bytes);
    Path installed = directory.resolve(fileName(chaincode.packageId()));
    if (Files.exists(installed)) {
      return new Installation(chaincode, false);
    }
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      // Written beside its final name and renamed, so that a crash leaves no half package.
      temporary = Files.createTempFile(directory, "installing-", ".part");
      Files.write(temporary, bytes);
      Files.move(temporary, installed, StandardCopyOption.ATOMIC_MOVE);
      temporary = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install " + source + " into " + directory, e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException e) {
          // The install already failed with its own error; a stray .part file is harmless.
        }
      }
    }
    return new Installation(chaincode, true);
  }

  /**
   * Removes an installed package, as Fabric's install does with a package it could not build;
   * returns whether it was installed.
   */
  public boolean remove(String packageId) {
    try {
      return Files.deleteIfExists(directory.resolve(fileName(packageId)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the installed package " + packageId, e);
    }
  }

  /** The installed packages, by package id. */
  public List<ChaincodePackage> list() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<ChaincodePackage> packages = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.sorted().toList()) {
        if (FILE_NAME.matcher(file.getFileName().toString()).matches()) {
          packages.add(ChaincodePackage.read(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the installed chaincodes in " + directory, e);
    }
    packages.sort(Comparator.comparing(ChaincodePackage::packageId));
    return List.copyOf(packages);
  }

  /** An installed package by its id. */
  public Optional<ChaincodePackage> get(String packageId) {
    Path file = directory.resolve(fileName(packageId));
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    // Two spellings of an id (label "a_1:0" or "a_1.0") share a file name; only the exact id is it.
    ChaincodePackage chaincode = ChaincodePackage.read(file);
    return chaincode.packageId().equals(packageId) ? Optional.of(chaincode) : Optional.empty();
  }

  /** The bytes of an installed package (the file Fabric's chaincode store would hold). */
  public Optional<byte[]> packageBytes(String packageId) {
    Path file = directory.resolve(fileName(packageId));
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the installed chaincode package " + file, e);
    }
  }

  private static String fileName(String packageId) {
    int colon = packageId.indexOf(':');
    if (colon <= 0 || packageId.indexOf('/') >= 0 || packageId.indexOf('\\') >= 0) {
      throw new IllegalArgumentException("'" + packageId + "' is not a package id (label:hash)");
    }
    return packageId.substring(0, colon) + "." + packageId.substring(colon + 1) + ".tar.gz";
  }
}
