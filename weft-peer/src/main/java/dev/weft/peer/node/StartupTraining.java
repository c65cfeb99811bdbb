package dev.weft.peer.node;

import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.config.Setting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts and stops a whole peer in a given empty directory, on ports the system picks: the run from
 * which {@code ./weft} has the JVM record a class-data-sharing archive ({@code
 * -XX:ArchiveClassesAtExit}), so that later starts map the peer's classes instead of loading and
 * verifying them one by one — most of a cold start on two cores.
 */
final class StartupTraining {

  private StartupTraining() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: StartupTraining EMPTY_DIRECTORY");
      System.exit(2);
    }
    // The command line's own classes, as a start loads them.
    WeftCommand.run(
        new String[] {"start", "--help"},
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
    PeerConfig config =
        PeerConfig.from(
            Map.of(
                Setting.PEER_FILE_SYSTEM_PATH, Path.of(args[0]).toString(),
                Setting.PEER_LISTEN_ADDRESS, "127.0.0.1:0",
                Setting.CHAINCODE_LISTEN_ADDRESS, "127.0.0.1:0",
                Setting.OPERATIONS_LISTEN_ADDRESS, "127.0.0.1:0"));
    try (WeftPeer peer = WeftPeer.startNode(config)) {
      peer.channels().ids();
    }
  }
}
