package dev.weft.peer.node;

import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.config.Setting;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code weft channel create|list}: the channels of a data directory. */
@Command(
    name = "channel",
    mixinStandardHelpOptions = true,
    versionProvider = WeftVersion.class,
    description = "Channels of the peer's data directory.",
    subcommands = {ChannelCommand.Create.class, ChannelCommand.List.class})
final class ChannelCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      versionProvider = WeftVersion.class,
      description =
          "Creates a channel with the peer's organisation as its only member (its genesis block"
              + " in <data-dir>/channels/); the peer joins it when it next starts.")
  static final class Create implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin DataDirectoryOption dataDirectory = new DataDirectoryOption();

    @Parameters(paramLabel = "NAME", description = "The channel's name.")
    String name;

    @Override
    public Integer call() {
      Path data = dataDirectory.orDefault();
      if (!java.nio.file.Files.isDirectory(data.resolve("crypto"))) {
        throw new IllegalArgumentException(
            data
                + " holds no peer data yet: start the peer once with 'weft start"
                + (dataDirectory.chosen() == null ? "" : " --data-dir " + data)
                + "' to create it");
      }
      Map<Setting, String> values = PeerConfig.environmentValues(System.getenv());
      values.put(Setting.PEER_FILE_SYSTEM_PATH, data.toString());
      PeerConfig config = PeerConfig.from(values);
      Path block = PeerData.createChannel(config.node(), name, Clock.systemUTC());
      var out = spec.commandLine().getOut();
      out.println("created channel " + name + " (" + block + ")");
      if (PeerEndpointFile.read(data).isPresent()) {
        out.println("the running peer joins it when restarted");
      }
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      versionProvider = WeftVersion.class,
      description = "Lists the channels the peer joins.")
  static final class List implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin DataDirectoryOption dataDirectory = new DataDirectoryOption();

    @Override
    public Integer call() {
      PeerData.channelIds(dataDirectory.orDefault()).forEach(spec.commandLine().getOut()::println);
      return 0;
    }
  }
}
