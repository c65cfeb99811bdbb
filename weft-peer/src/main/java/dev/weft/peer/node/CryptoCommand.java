package dev.weft.peer.node;

import dev.weft.peer.msp.CryptoGenerator;
import dev.weft.peer.msp.MspException;
import dev.weft.peer.msp.PeerOrgLayout;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code weft crypto generate --output DIR --org DOMAIN [--users N]}: writes a peer organisation's
 * crypto material in cryptogen's layout.
 */
final class CryptoCommand {

  static final String USAGE =
      "usage: weft crypto generate --output DIR --org DOMAIN [--users N]\n"
          + "  writes DIR/peerOrganizations/DOMAIN with a CA, a TLS CA, peer0.DOMAIN, Admin@DOMAIN"
          + " and N client users (default 1), as Fabric's cryptogen with NodeOUs";

  private CryptoCommand() {}

  /** Runs the command; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 1 || !args[0].equals("generate")) {
      err.println(USAGE);
      return 2;
    }
    Path output = null;
    String org = null;
    int users = 1;
    for (int i = 1; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        out.println(USAGE);
        return 0;
      }
      if (i + 1 >= args.length) {
        err.println("weft: " + option + " needs a value\n" + USAGE);
        return 2;
      }
      String value = args[++i];
      switch (option) {
        case "--output" -> output = Path.of(value);
        case "--org" -> org = value;
        case "--users" -> {
          try {
            users = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            users = -1;
          }
          if (users < 0) {
            err.println("weft: --users must be a number of users, not '" + value + "'");
            return 2;
          }
        }
        default -> {
          err.println("weft: unknown option " + option + "\n" + USAGE);
          return 2;
        }
      }
    }
    if (output == null || org == null) {
      err.println("weft: --output and --org are required\n" + USAGE);
      return 2;
    }
    try {
      PeerOrgLayout layout =
          new CryptoGenerator(Clock.systemUTC()).generatePeerOrg(output, org, 1, users);
      out.println(layout.orgDirectory());
      return 0;
    } catch (MspException e) {
      err.println("weft: " + e.getMessage());
      return 1;
    }
  }
}
