package dev.weft.peer.node;

import dev.weft.peer.lifecycle.ChaincodePackage;
import dev.weft.peer.lifecycle.ChaincodePackageWriter;
import dev.weft.peer.lifecycle.InstalledChaincodes;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weft chaincode invoke|query}: a transaction through the peer's Gateway service, with
 * Fabric's own client library, as the data directory's client user ({@code User1}) unless told
 * otherwise; {@code weft chaincode list}: the connected chaincodes; {@code weft chaincode package}:
 * a Fabric chaincode package from a source directory.
 */
@Command(
    name = "chaincode",
    mixinStandardHelpOptions = true,
    versionProvider = WeftVersion.class,
    description =
        "Invoke and query chaincode through the running peer's Gateway; package chaincode.",
    subcommands = {
      ChaincodeCommand.Invoke.class,
      ChaincodeCommand.Query.class,
      ChaincodeCommand.Listing.class,
      ChaincodeCommand.Install.class,
      ChaincodeCommand.Installed.class,
      DeployCommand.class,
      ChaincodeCommand.Package.class
    })
final class ChaincodeCommand {

  /** What invoke and query share: where the peer is, who calls, and the call. */
  static final class CallOptions {

    @Mixin PeerClientOptions client = new PeerClientOptions();

    @Option(
        names = {"--channel", "-C"},
        paramLabel = "NAME",
        defaultValue = "mychannel",
        description = "The channel (default: mychannel).")
    String channel;

    @Option(
        names = "--transient",
        paramLabel = "KEY=VALUE",
        description = "A transient data entry (repeatable).")
    Map<String, String> transientData = new LinkedHashMap<>();

    @Parameters(index = "0", paramLabel = "NAME", description = "The chaincode's name.")
    String chaincode;

    @Parameters(index = "1", paramLabel = "FUNCTION", description = "The function to call.")
    String function;

    @Parameters(index = "2..*", paramLabel = "ARG", description = "Its arguments.")
    List<String> arguments = new ArrayList<>();

    GatewayConnection connect() {
      return GatewayConnection.open(client.endpoint(), client.mspDirectory("User1"), client.mspId);
    }

    Contract contract(GatewayConnection connection) {
      return connection.gateway().getNetwork(channel).getContract(chaincode);
    }

    Proposal proposal(Contract contract) {
      Proposal.Builder builder =
          contract.newProposal(function).addArguments(arguments.toArray(String[]::new));
      Map<String, byte[]> entries = new LinkedHashMap<>();
      transientData.forEach((k, v) -> entries.put(k, v.getBytes(StandardCharsets.UTF_8)));
      return builder.putAllTransient(entries).build();
    }
  }

  @Command(
      name = "query",
      mixinStandardHelpOptions = true,
      versionProvider = WeftVersion.class,
      description =
          "Evaluates a transaction on the peer (nothing is committed); prints its result.")
  static final class Query implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin CallOptions options = new CallOptions();

    @Override
    public Integer call() throws Exception {
      try (GatewayConnection connection = options.connect()) {
        byte[] result = options.proposal(options.contract(connection)).evaluate();
        spec.commandLine().getOut().println(new String(result, StandardCharsets.UTF_8));
        return 0;
      } catch (GatewayException e) {
        throw new IllegalStateException(describe(e), e);
      }
    }
  }

  @Command(
      name = "invoke",
      mixinStandardHelpOptions = true,
      versionProvider = WeftVersion.class,
      description =
          "Endorses, submits and waits for the commit of a transaction; prints its result, its"
              + " transaction id, block and validation code.")
  static final class Invoke implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin CallOptions options = new CallOptions();

    @Override
    public Integer call() throws Exception {
      try (GatewayConnection connection = options.connect()) {
        SubmittedTransaction submitted =
            options.proposal(options.contract(connection)).endorse().submitAsync();
        Status status = submitted.getStatus();
        PrintWriter out = spec.commandLine().getOut();
        out.println(new String(submitted.getResult(), StandardCharsets.UTF_8));
        out.println(
            "transaction "
                + status.getTransactionId()
                + " committed in block "
                + status.getBlockNumber()
                + ": "
                + status.getCode());
        return status.isSuccessful() ? 0 : 1;
      } catch (GatewayException e) {
        throw new IllegalStateException(describe(e), e);
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      versionProvider = WeftVersion.class,
      description =
          "Lists the chaincodes connected to the running peer (name:version), from its operations"
              + " endpoint.")
  static final class Listing implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin DataDirectoryOption dataDirectory = new DataDirectoryOption();

    @Option(
        names = "--operations",
        paramLabel = "HOST:PORT",
        description =
            "The peer's operations endpoint (default: the one the peer of --data-dir wrote).")
    String operations;

    @Override
    public Integer call() throws Exception {
      String address = operations;
      if (address == null) {
        Path data = dataDirectory.orDefault();
        address =
            PeerEndpointFile.read(data)
                .map(PeerEndpointFile.Endpoint::operations)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "no running peer found for data directory "
                                + data.toAbsolutePath()
                                + ": start it with 'weft start', or name its operations endpoint"
                                + " with --operations HOST:PORT"));
      }
      java.net.http.HttpResponse<String> response =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://" + address + "/chaincodes"))
                      .timeout(java.time.Duration.ofSeconds(10))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "the operations endpoint " + address + " answered " + response.statusCode());
      }
      java.util.regex.Matcher ids =
          java.util.regex.Pattern.compile("\"([^\"]+)\"").matcher(response.body());
      PrintWriter out = spec.commandLine().getOut();
      boolean any = false;
      ids.find(); // "chaincodes"
      while (ids.find()) {
        out.println(ids.group(1));
        any = true;
      }
      if (!any) {
        spec.commandLine()
            .getErr()
            .println(
                "no chaincode is connected; start one in development mode with"
                    + " CORE_CHAINCODE_ID_NAME=<name>:<version> and CORE_PEER_ADDRESS set to the"
                    + " peer's chaincode support address");
      }
      return 0;
    }
  }

  @Command(
      name = "package",
      mixinStandardHelpOptions = true,
      versionProvider = WeftVersion.class,
      description =
          "Builds a Fabric chaincode package (.tar.gz) from a source directory, as 'peer lifecycle"
              + " chaincode package' does; prints its package id.")
  static final class Package implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUTPUT", description = "The package file to write.")
    Path output;

    @Option(
        names = "--path",
        required = true,
        paramLabel = "DIR",
        description =
            "The chaincode's source directory (for ccaas: the directory with connection.json).")
    Path path;

    @Option(
        names = "--lang",
        required = true,
        paramLabel = "TYPE",
        description =
            "The chaincode type: node, java, golang, ccaas, or a type an external builder"
                + " accepts.")
    String lang;

    @Option(
        names = "--label",
        required = true,
        paramLabel = "LABEL",
        description = "The package label (alphanumerics and '.+-_', starting alphanumeric).")
    String label;

    @Override
    public Integer call() {
      ChaincodePackage written = ChaincodePackageWriter.write(path, lang, label, output);
      spec.commandLine().getOut().println(written.packageId());
      return 0;
    }
  }

  /** Where a data directory keeps its installed chaincode packages, as Fabric's peer does. */
  static InstalledChaincodes installed(Path dataDirectory) {
    return new InstalledChaincodes(dataDirectory.resolve("lifecycle").resolve("chaincodes"));
  }

  @Command(
      name = "install",
      mixinStandardHelpOptions = true,
      versionProvider = WeftVersion.class,
      description =
          "Installs a chaincode package (a Fabric 2.x .tar.gz) in the peer's data directory, also"
              + " while the peer is stopped, and prints its package id. Unlike 'peer lifecycle"
              + " chaincode install' it does not build the package: the peer builds it at its first"
              + " launch ('weft chaincode deploy' installs through the peer, which builds first).")
  static final class Install implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin DataDirectoryOption dataDirectory = new DataDirectoryOption();

    @Parameters(index = "0", paramLabel = "PACKAGE", description = "The package file.")
    Path packageFile;

    @Override
    public Integer call() {
      ChaincodePackage chaincode = installed(dataDirectory.orDefault()).install(packageFile);
      spec.commandLine().getOut().println("installed " + chaincode.packageId());
      return 0;
    }
  }

  @Command(
      name = "installed",
      mixinStandardHelpOptions = true,
      versionProvider = WeftVersion.class,
      description =
          "Lists the chaincode packages installed in the peer's data directory (package id and"
              + " label), as 'peer lifecycle chaincode queryinstalled' does.")
  static final class Installed implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin DataDirectoryOption dataDirectory = new DataDirectoryOption();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (ChaincodePackage chaincode : installed(dataDirectory.orDefault()).list()) {
        out.println("Package ID: " + chaincode.packageId() + ", Label: " + chaincode.label());
      }
      return 0;
    }
  }

  /** The client library's message with the peers' own, on one line. */
  static String describe(Exception e) {
    StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
    if (e instanceof GatewayException gatewayException) {
      for (ErrorDetail detail : gatewayException.getDetails()) {
        message
            .append("; ")
            .append(detail.getMspId())
            .append(" peer ")
            .append(detail.getAddress())
            .append(": ")
            .append(detail.getMessage());
      }
    }
    return message.toString();
  }
}
