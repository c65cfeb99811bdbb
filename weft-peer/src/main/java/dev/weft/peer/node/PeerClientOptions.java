package dev.weft.peer.node;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the running peer is and who calls it: the options the client commands share. Without {@code
 * --peer}, the peer of the data directory, as its {@code peer.address} file says.
 */
final class PeerClientOptions {

  @Mixin DataDirectoryOption dataDirectory = new DataDirectoryOption();

  @Option(
      names = "--peer",
      paramLabel = "HOST:PORT",
      description = "The peer's address (default: the one the peer of --data-dir wrote).")
  String peer;

  @Option(
      names = "--tls-ca",
      paramLabel = "FILE",
      description =
          "Speak TLS to the peer, trusting this CA certificate (default: as the peer of"
              + " --data-dir says).")
  Path tlsCa;

  @Option(
      names = "--msp-dir",
      paramLabel = "DIR",
      description =
          "The calling identity's MSP directory (signcerts/, keystore/); default: the data"
              + " directory's User1, or its Admin for deploy.")
  Path mspDirectory;

  @Option(
      names = "--msp-id",
      paramLabel = "ID",
      defaultValue = "Org1MSP",
      description = "The calling identity's MSP id (default: Org1MSP).")
  String mspId;

  PeerEndpointFile.Endpoint endpoint() {
    if (peer != null) {
      return new PeerEndpointFile.Endpoint(peer, tlsCa, null);
    }
    Path data = dataDirectory.orDefault();
    PeerEndpointFile.Endpoint written =
        PeerEndpointFile.read(data)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no running peer found for data directory "
                            + data.toAbsolutePath()
                            + " ("
                            + PeerEndpointFile.path(data)
                            + " is missing): start it with 'weft start', or name a peer with"
                            + " --peer HOST:PORT"));
    return tlsCa == null
        ? written
        : new PeerEndpointFile.Endpoint(written.address(), tlsCa, written.operations());
  }

  /**
   * The calling identity's MSP directory: {@code --msp-dir}, or {@code user}'s in the data
   * directory.
   */
  Path mspDirectory(String user) {
    if (mspDirectory != null) {
      return mspDirectory;
    }
    return dataDirectory
        .orDefault()
        .resolve(
            "crypto/peerOrganizations/org1.example.com/users/" + user + "@org1.example.com/msp");
  }

  Path dataDirectory() {
    return dataDirectory.orDefault();
  }
}
