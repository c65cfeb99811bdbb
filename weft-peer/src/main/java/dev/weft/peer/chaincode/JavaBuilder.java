package dev.weft.peer.chaincode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The built-in builder for packages of type {@code java}, after what Fabric's Java chaincode image
 * does: a Maven project ({@code pom.xml} at the top of the code or under {@code src/}) is built
 * with {@code mvn -B package -DskipTests} (its {@code mvnw} if it has one), a Gradle project with
 * {@code gradlew build -x test}, and the one executable jar (with a {@code Main-Class}) the build
 * makes is the chaincode; without a project, the package's own jars are. The chaincode runs as
 * {@code java -jar <jar> --peerAddress <peer>} on the peer's Java runtime.
 */
final class JavaBuilder implements ChaincodeBuilder {

  static final String NAME = "java";

  private final Map<String, String> environment;
  private final Path javaHome;

  JavaBuilder(Map<String, String> peerEnvironment, Path javaHome) {
    this.environment = ChaincodeEnvironment.inherited(peerEnvironment);
    this.javaHome = javaHome;
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
    try {
      for (Path project : List.of(unpacked.source(), unpacked.source().resolve("src"))) {
        if (Files.isRegularFile(project.resolve("pom.xml"))) {
          buildProject(session, project, maven(project), "target");
          return;
        }
        if (Files.isRegularFile(project.resolve("build.gradle"))
            || Files.isRegularFile(project.resolve("build.gradle.kts"))) {
          buildProject(session, project, gradle(project), "build/libs");
          return;
        }
      }
      List<Path> jars = FileTree.find(unpacked.source(), ".jar");
      if (jars.isEmpty()) {
        throw new BuildFailure(
            "the java package has neither a pom.xml, a build.gradle nor a jar; package an"
                + " executable jar or a Maven project");
      }
      // As Fabric does: the package's jars, in their places.
      for (Path jar : jars) {
        Path copy = unpacked.output().resolve(unpacked.source().relativize(jar).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      Path jar = executableJar(unpacked.output(), "the package");
      session.note("chaincode jar: " + unpacked.output().relativize(jar));
    } catch (IOException e) {
      throw new BuildFailure("cannot prepare the java build: " + e, e);
    }
  }

  private void buildProject(BuildSession session, Path project, List<String> tool, String outputs)
      throws IOException {
    // Built in a copy, so that the source stays as installed and a rebuild starts clean.
    Path work = session.unpacked().directory().resolve("work");
    FileTree.delete(work);
    FileTree.copy(project, work);
    session.run(new Command(tool, work, environment));
    Path jar = executableJar(work.resolve(outputs), outputs + "/ after the build");
    Path copy = session.unpacked().output().resolve("chaincode.jar");
    Files.createDirectories(copy.getParent());
    Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    session.note("chaincode jar: " + work.relativize(jar) + ", copied to " + copy);
    FileTree.delete(work);
  }

  // A wrapper runs through sh: packages keep no file modes, so it is not executable once unpacked.
  private static List<String> maven(Path project) {
    return Files.isRegularFile(project.resolve("mvnw"))
        ? List.of("sh", "./mvnw", "-B", "package", "-DskipTests")
        : List.of("mvn", "-B", "package", "-DskipTests");
  }

  private static List<String> gradle(Path project) {
    return Files.isRegularFile(project.resolve("gradlew"))
        ? List.of("sh", "./gradlew", "build", "-x", "test")
        : List.of("gradle", "build", "-x", "test");
  }

  @Override
  public ChildProcess run(UnpackedPackage built, RunContext context) {
    Path jar;
    try {
      jar = executableJar(built.output(), "the build output " + built.output());
    } catch (IOException e) {
      throw new BuildFailure("cannot read the build output " + built.output() + ": " + e, e);
    }
    return context.start(
        new Command(
            List.of(
                javaHome.resolve("bin").resolve("java").toString(),
                "-jar",
                jar.toString(),
                "--peerAddress",
                context.peerAddress()),
            jar.getParent(),
            context.chaincodeEnvironment(environment, built)));
  }

  /** The one jar under {@code directory} whose manifest names a Main-Class. */
  static Path executableJar(Path directory, String where) throws IOException {
    List<Path> executable = new ArrayList<>();
    for (Path jar : FileTree.find(directory, ".jar")) {
      if (hasMainClass(jar)) {
        executable.add(jar);
      }
    }
    if (executable.isEmpty()) {
      throw new BuildFailure(
          "no executable jar (a jar whose manifest names a Main-Class) in " + where);
    }
    if (executable.size() > 1) {
      throw new BuildFailure(
          "several executable jars in "
              + where
              + " ("
              + String.join(
                  ", ", executable.stream().map(p -> directory.relativize(p).toString()).toList())
              + "); the chaincode must be exactly one");
    }
    return executable.get(0);
  }

  private static boolean hasMainClass(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      return manifest != null && manifest.getMainAttributes().getValue("Main-Class") != null;
    } catch (IOException e) {
      return false; // not a jar after all
    }
  }
}
