package dev.weft.peer.node;

import com.google.protobuf.ByteString;
import dev.weft.peer.json.Json;
import dev.weft.peer.lifecycle.PackageBuildDirectories;
import dev.weft.peer.policy.PolicyExpression;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weft chaincode deploy}: Fabric's package, install, approve and commit in one step, then
 * the launch, so that the chaincode is ready to invoke when the command returns. Deploying what is
 * deployed already changes nothing; deploying a changed package, version or policy upgrades the
 * definition (its sequence goes up by one).
 */
@Command(
    name = "deploy",
    mixinStandardHelpOptions = true,
    versionProvider = WeftVersion.class,
    description =
        "Packages (a Node or Java source directory, an executable jar, or a prepared package),"
            + " installs, approves and commits a chaincode on the running peer, and returns when it"
            + " is ready to invoke.")
final class DeployCommand implements Callable<Integer> {

  private static final String DEFAULT_POLICY = "/Channel/Application/Endorsement";
  private static final Pattern ERROR = Pattern.compile("\"error\":\"((?:[^\"\\\\]|\\\\.)*)\"");

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin PeerClientOptions client = new PeerClientOptions();

  @Parameters(
      index = "0",
      paramLabel = "SOURCE",
      description =
          "A chaincode source directory (node: package.json, java: pom.xml, ccaas:"
              + " connection.json), an executable .jar, or a package (.tar.gz).")
  Path source;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "Its name.")
  String name;

  @Option(
      names = "--version",
      paramLabel = "VERSION",
      defaultValue = "1.0",
      description = "Its version (default: 1.0).")
  String version;

  @Option(
      names = {"--channel", "-C"},
      paramLabel = "CHANNEL",
      defaultValue = "mychannel",
      description = "The channel (default: mychannel).")
  String channel;

  @Option(
      names = "--policy",
      paramLabel = "EXPR",
      description =
          "Its endorsement policy: a signature policy such as \"OR('Org1MSP.peer')\", or a channel"
              + " policy path (default: "
              + DEFAULT_POLICY
              + ").")
  String policy;

  @Option(
      names = "--init-required",
      description = "The first transaction must be an Init (as Fabric's --init-required).")
  boolean initRequired;

  @Option(
      names = "--label",
      paramLabel = "LABEL",
      description = "The package label (default: NAME_VERSION).")
  String label;

  @Option(
      names = "--lang",
      paramLabel = "TYPE",
      description = "The chaincode type, when SOURCE's files don't tell it.")
  String lang;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    String packageLabel = label != null ? label : DeploySource.defaultLabel(name, version);
    DeploySource.Prepared prepared = DeploySource.prepare(source, lang, packageLabel);
    String packageId = prepared.chaincode().packageId();
    out.printf(
        "packaged %s (%s, %,d bytes): %s%n",
        source, prepared.chaincode().type(), prepared.bytes().length, packageId);
    PeerEndpointFile.Endpoint endpoint = client.endpoint();
    ByteString validation = validationParameter();
    try (LifecycleCalls lifecycle =
        LifecycleCalls.open(endpoint, client.mspDirectory("Admin"), client.mspId)) {
      // As in Fabric, the peer builds the package before it answers the install.
      Path log = buildLog(packageId);
      boolean local = endpoint.operations() != null;
      out.println("installing " + packageId + (local ? "; build log: " + log : ""));
      out.flush();
      boolean installed;
      BuildProgress progress = local ? BuildProgress.follow(log, out) : null;
      try {
        installed = lifecycle.install(prepared.bytes(), packageId);
      } finally {
        if (progress != null) {
          progress.close();
        }
      }
      out.println(installed ? "installed " + packageId : "already installed " + packageId);
      out.flush();
      Optional<QueryChaincodeDefinitionsResult.ChaincodeDefinition> current =
          lifecycle.definitions(channel).getChaincodeDefinitionsList().stream()
              .filter(d -> d.getName().equals(name))
              .findFirst();
      if (current.isPresent() && unchanged(current.get(), validation, lifecycle, packageId)) {
        out.printf(
            "%s %s is defined already on %s (sequence %d)%n",
            name, version, channel, current.get().getSequence());
      } else {
        long sequence = current.map(d -> d.getSequence() + 1).orElse(1L);
        lifecycle.approve(channel, approval(sequence, validation, packageId));
        out.printf("approved %s %s sequence %d for %s%n", name, version, sequence, client.mspId);
        out.flush();
        lifecycle.commit(channel, commit(sequence, validation));
        out.printf("committed %s %s sequence %d on %s%n", name, version, sequence, channel);
      }
    }
    out.flush();
    Optional<String> id = launch(endpoint, packageId, out);
    if (id.isPresent()) {
      out.printf(
          "ready: %s runs as %s on %s (%.1f s)%n",
          name, id.get(), channel, (System.nanoTime() - started) / 1e9);
    } else {
      out.printf(
          "deployed: %s launches as %s on its first invocation on %s (%.1f s)%n",
          name, packageId, channel, (System.nanoTime() - started) / 1e9);
    }
    return 0;
  }

  private boolean unchanged(
      QueryChaincodeDefinitionsResult.ChaincodeDefinition current,
      ByteString validation,
      LifecycleCalls lifecycle,
      String packageId) {
    return current.getVersion().equals(version)
        && current.getValidationParameter().equals(validation)
        && current.getInitRequired() == initRequired
        && lifecycle
            .approvedPackage(channel, name, current.getSequence())
            .filter(packageId::equals)
            .isPresent();
  }

  private ApproveChaincodeDefinitionForMyOrgArgs approval(
      long sequence, ByteString validation, String packageId) {
    return ApproveChaincodeDefinitionForMyOrgArgs.newBuilder()
        .setName(name)
        .setVersion(version)
        .setSequence(sequence)
        .setValidationParameter(validation)
        .setInitRequired(initRequired)
        .setSource(
            ChaincodeSource.newBuilder()
                .setLocalPackage(ChaincodeSource.Local.newBuilder().setPackageId(packageId)))
        .build();
  }

  private CommitChaincodeDefinitionArgs commit(long sequence, ByteString validation) {
    return CommitChaincodeDefinitionArgs.newBuilder()
        .setName(name)
        .setVersion(version)
        .setSequence(sequence)
        .setValidationParameter(validation)
        .setInitRequired(initRequired)
        .build();
  }

  /** The policy as Fabric's CLI marshals it: an ApplicationPolicy. */
  private ByteString validationParameter() {
    String expression = policy == null ? DEFAULT_POLICY : policy.trim();
    ApplicationPolicy.Builder application = ApplicationPolicy.newBuilder();
    if (expression.startsWith("/")) {
      application.setChannelConfigPolicyReference(expression);
    } else {
      try {
        application.setSignaturePolicy(PolicyExpression.parse(expression));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "--policy " + expression + " is not a policy: " + e.getMessage(), e);
      }
    }
    return application.build().toByteString();
  }

  /**
   * Has the peer launch the chaincode and waits until it is ready. The package was built at its
   * install, so there is no build progress to show; the chaincode's own output is in its log.
   */
  private Optional<String> launch(
      PeerEndpointFile.Endpoint endpoint, String packageId, PrintWriter out)
      throws IOException, InterruptedException {
    if (endpoint.operations() == null) {
      out.println("the peer's operations endpoint is unknown (--peer): not waiting for a launch");
      return Optional.empty();
    }
    Path log = buildLog(packageId);
    out.println("launching " + name + " (" + packageId + ")");
    out.flush();
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://"
                                + endpoint.operations()
                                + "/chaincodes/launch?channel="
                                + URLEncoder.encode(channel, StandardCharsets.UTF_8)
                                + "&name="
                                + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      Matcher error = ERROR.matcher(response.body());
      String reason = error.find() ? Json.unescape(error.group(1)) : response.body().trim();
      // The peer names the log of the step that failed; the build log is added only if it did not.
      throw new IllegalStateException(
          "the peer could not launch "
              + name
              + ": "
              + reason
              + (reason.contains(log.toString()) ? "" : "; full build log: " + log));
    }
    Matcher id = Pattern.compile("\"chaincode\":\"([^\"]*)\"").matcher(response.body());
    return Optional.of(id.find() ? id.group(1) : packageId);
  }

  /** Where the peer writes the build output of a package (see the launcher). */
  private Path buildLog(String packageId) {
    String directory = PackageBuildDirectories.directoryName(packageId);
    return client
        .dataDirectory()
        .resolve("lifecycle")
        .resolve("builds")
        .resolve(directory)
        .resolve("build.log")
        .toAbsolutePath()
        .normalize();
  }
}
