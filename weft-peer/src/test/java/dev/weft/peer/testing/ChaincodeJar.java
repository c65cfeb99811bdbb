package dev.weft.peer.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * An executable jar of {@link LaunchedChaincode} made at test time: it holds only a manifest whose
 * {@code Class-Path} lists the test class path (the test classes, weft-shim and their libraries),
 * so that {@code java -jar} runs the chaincode as a real process without packaging anything.
 */
public final class ChaincodeJar {

  private ChaincodeJar() {}

  /** Writes the jar to {@code jar} and returns it. */
  public static Path write(Path jar) {
    Manifest manifest = new Manifest();
    Attributes attributes = manifest.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.put(Attributes.Name.MAIN_CLASS, LaunchedChaincode.class.getName());
    attributes.put(
        Attributes.Name.CLASS_PATH,
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.isEmpty())
            .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString())
            .collect(Collectors.joining(" ")));
    try {
      Files.createDirectories(jar.getParent());
      try (OutputStream out = Files.newOutputStream(jar)) {
        // The manifest is all there is.
        new JarOutputStream(out, manifest).close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }
}
