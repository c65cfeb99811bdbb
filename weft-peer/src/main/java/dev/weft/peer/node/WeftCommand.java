package dev.weft.peer.node;

import dev.weft.peer.config.Setting;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code weft} command: {@code start}, {@code crypto generate}, {@code channel create|list},
 * {@code chaincode invoke|query}. Without a subcommand it starts the peer, as {@code weft start}
 * does. Errors are one line on standard error and a non-zero exit status: 2 for a wrong command
 * line, 1 for a failure.
 */
@Command(
    name = "weft",
    mixinStandardHelpOptions = true,
    versionProvider = WeftVersion.class,
    description = "A Hyperledger Fabric-compatible peer for the JVM.",
    subcommands = {
      StartCommand.class,
      CryptoCommand.class,
      ChannelCommand.class,
      ChaincodeCommand.class
    })
public final class WeftCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    return new StartCommand().call();
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with these streams; returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new WeftCommand());
    commandLine.getSubcommands().get("start").getCommandSpec().usageMessage().footer(settings());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          line.getErr().println("weft: " + message(e));
          return 1;
        });
    commandLine.setParameterExceptionHandler(
        (e, args1) -> {
          CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
          e.getCommandLine()
              .getErr()
              .println("weft: " + e.getMessage() + " (see '" + spec.qualifiedName() + " --help')");
          return 2;
        });
    return commandLine.execute(args);
  }

  /** Every setting with its environment variable, default and purpose, for {@code start --help}. */
  private static String[] settings() {
    List<String> lines = new ArrayList<>();
    lines.add("%nSettings (YAML key, environment variable, default):");
    for (Setting setting : Setting.values()) {
      lines.add(
          "  "
              + setting.key()
              + "  "
              + setting.environmentVariable()
              + "  ["
              + escape(setting.defaultValue())
              + "]");
      lines.add("      " + escape(setting.description()));
    }
    return lines.toArray(String[]::new);
  }

  // picocli formats usage lines with String.format.
  private static String escape(String text) {
    return text.replace("%", "%%");
  }

  private static String message(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.toString() : message;
  }
}
