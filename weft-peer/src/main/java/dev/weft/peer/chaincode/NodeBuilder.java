package dev.weft.peer.chaincode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in builder for packages of type {@code node}, after Fabric's Node chaincode image: the
 * code (under {@code src/}) is copied to the build output, where {@code npm ci --omit=dev} installs
 * its dependencies when it has a {@code package-lock.json} or {@code npm-shrinkwrap.json}, {@code
 * npm install --omit=dev} otherwise. The chaincode runs as {@code npm start -- --peer.address
 * <peer>} there.
 */
final class NodeBuilder implements ChaincodeBuilder {

  static final String NAME = "node";

  private final Map<String, String> environment;

  NodeBuilder(Map<String, String> peerEnvironment) {
    this.environment = ChaincodeEnvironment.inherited(peerEnvironment);
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
    Path code = unpacked.source().resolve("src");
    if (!Files.isDirectory(code)) {
      code = unpacked.source();
    }
    if (!Files.isRegularFile(code.resolve("package.json"))) {
      throw new BuildFailure("the node package has no package.json");
    }
    Path output = unpacked.output();
    try {
      FileTree.copy(code, output);
    } catch (IOException e) {
      throw new BuildFailure("cannot copy the code to " + output + ": " + e, e);
    }
    boolean locked =
        Files.isRegularFile(output.resolve("package-lock.json"))
            || Files.isRegularFile(output.resolve("npm-shrinkwrap.json"));
    session.run(
        new Command(List.of("npm", locked ? "ci" : "install", "--omit=dev"), output, environment));
  }

  @Override
  public ChildProcess run(UnpackedPackage built, RunContext context) {
    return context.start(
        new Command(
            List.of("npm", "start", "--", "--peer.address", context.peerAddress()),
            built.output(),
            context.chaincodeEnvironment(environment, built)));
  }
}
