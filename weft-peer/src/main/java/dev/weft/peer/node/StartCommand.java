package dev.weft.peer.node;

import dev.weft.peer.config.ConfigFile;
import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.config.Setting;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code weft start}: starts the peer until Ctrl-C or SIGTERM. Settings: Fabric's defaults, then a
 * YAML file ({@code --config}), then {@code WEFT_*} environment variables, then {@code --data-dir}.
 */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    versionProvider = WeftVersion.class,
    description = {
      "Starts the peer. On the first start in an empty data directory it generates its"
          + " organisation's crypto material (Org1MSP, org1.example.com) and a channel"
          + " 'mychannel'; later starts reuse them.",
      "Every setting is listed in Setting.java; set them in a YAML file (--config) or with"
          + " WEFT_* environment variables, e.g. WEFT_CHAINCODE_EXECUTETIMEOUT=2m."
    })
final class StartCommand implements Callable<Integer> {

  @Mixin DataDirectoryOption dataDirectory = new DataDirectoryOption();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A YAML file of settings, e.g. 'chaincode: {executeTimeout: 2m}'.")
  Path configFile;

  @Override
  public Integer call() throws InterruptedException {
    PeerConfig config = config(System.getenv());
    WeftPeer peer = WeftPeer.startNode(config);
    Path data = config.node().dataDirectory();
    // Registered first, so that whatever fails next, the peer is closed on the way out.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  peer.close();
                  PeerEndpointFile.remove(data);
                },
                "weft-shutdown"));
    InetSocketAddress peerAddress = peer.peerAddress();
    PeerEndpointFile.write(
        data,
        new PeerEndpointFile.Endpoint(
            hostPort(peerAddress),
            config.node().tlsEnabled() ? peer.tlsCaCertificate() : null,
            hostPort(peer.operationsAddress())));
    describe(peer, data, config.node().tlsEnabled(), System.out);
    peer.awaitStop();
    return 0;
  }

  /** The configuration from the defaults, the file, the environment and the options. */
  PeerConfig config(Map<String, String> environment) {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    if (configFile != null) {
      values.putAll(ConfigFile.read(configFile));
    }
    values.putAll(PeerConfig.environmentValues(environment));
    if (dataDirectory.chosen() != null) {
      values.put(Setting.PEER_FILE_SYSTEM_PATH, dataDirectory.chosen().toString());
    }
    return PeerConfig.from(values);
  }

  private static void describe(WeftPeer peer, Path data, boolean tls, PrintStream out) {
    String chaincode = hostPort(peer.chaincodeAddress());
    Path clientMsp = peer.clientMspDirectory().toAbsolutePath();
    out.println(
        "Weft peer "
            + peer.identity().identity().certificate().getSubjectX500Principal().getName()
            + " ("
            + peer.identity().mspId()
            + ") started, data in "
            + data.toAbsolutePath());
    out.println("  channels           " + String.join(", ", peer.channels().ids()));
    out.println(
        "  peer endpoint      "
            + hostPort(peer.peerAddress())
            + "   (Gateway, Endorser, Deliver, orderer Broadcast/Deliver)");
    out.println(
        "  chaincode support  "
            + chaincode
            + (tls
                ? "   (TLS: only chaincode the peer launches, with the client certificate it issues;"
                    + " development-mode chaincode needs peer.tls.enabled=false)"
                : "   (start chaincode with CORE_PEER_ADDRESS="
                    + chaincode
                    + " CORE_CHAINCODE_ID_NAME=<name>:<version>)"));
    out.println(
        "  operations         "
            + hostPort(peer.operationsAddress())
            + "   (GET /healthz, /metrics, /version)");
    out.println("  client identity    " + peer.identity().mspId() + ", " + clientMsp);
    out.println("    certificate      " + firstFile(clientMsp.resolve("signcerts")));
    out.println("    private key      " + firstFile(clientMsp.resolve("keystore")));
    out.println("Stop with Ctrl-C.");
    out.flush();
  }

  private static String hostPort(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }

  static Path firstFile(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(Files::isRegularFile)
          .sorted()
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no file in " + directory));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }
}
