package dev.weft.peer.node;

import dev.weft.peer.msp.CryptoGenerator;
import dev.weft.peer.msp.PeerOrgLayout;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code weft crypto generate}: writes a peer organisation's crypto material. */
@Command(
    name = "crypto",
    mixinStandardHelpOptions = true,
    versionProvider = WeftVersion.class,
    description = "Crypto material.",
    subcommands = CryptoCommand.Generate.class)
final class CryptoCommand {

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      versionProvider = WeftVersion.class,
      description =
          "Writes OUTPUT/peerOrganizations/ORG with a CA, a TLS CA, peer0.ORG, Admin@ORG and"
              + " client users, in the layout and with the NodeOUs of Fabric's cryptogen.")
  static final class Generate implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where to.")
    Path output;

    @Option(
        names = "--org",
        required = true,
        paramLabel = "DOMAIN",
        description = "The organisation's domain, e.g. org2.example.com.")
    String org;

    @Option(
        names = "--users",
        paramLabel = "N",
        defaultValue = "1",
        description = "How many client users (User1@ …), default 1.")
    int users;

    @Override
    public Integer call() {
      if (users < 0) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--users must not be negative");
      }
      PeerOrgLayout layout =
          new CryptoGenerator(Clock.systemUTC()).generatePeerOrg(output, org, 1, users);
      spec.commandLine().getOut().println(layout.orgDirectory());
      return 0;
    }
  }
}
