package dev.weft.peer.node;

import dev.weft.peer.channel.Channel;
import dev.weft.peer.channel.GenesisBlock;
import dev.weft.peer.channel.Organization;
import dev.weft.peer.config.NodeConfig;
import dev.weft.peer.msp.CryptoGenerator;
import dev.weft.peer.msp.Msp;
import dev.weft.peer.msp.MspFolder;
import dev.weft.peer.msp.PeerOrgLayout;
import dev.weft.peer.msp.SigningIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.common.Block;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's data directory: {@code crypto/} holds its organisation's material in cryptogen's
 * layout, {@code channels/<id>.block} the config block of each joined channel. On first start the
 * material and the configured channel (with the peer's organisation as its only member) are
 * created.
 *
 * @param layout where the organisation's crypto material is
 * @param signingIdentity the peer's identity, {@code peer0.<domain>}
 * @param localMsp the peer's organisation's MSP
 * @param channels the joined channels
 * @param configBlocks each joined channel's config block, by channel id
 */
record PeerData(
    PeerOrgLayout layout,
    SigningIdentity signingIdentity,
    Msp localMsp,
    List<Channel> channels,
    Map<String, Block> configBlocks) {

  private static final Logger log = LoggerFactory.getLogger(PeerData.class);
  private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z][a-z0-9.-]{0,248}");

  static PeerData prepare(NodeConfig config, Clock clock) {
    Path root = config.dataDirectory();
    PeerOrgLayout layout = new PeerOrgLayout(root.resolve("crypto"), config.orgDomain());
    if (!Files.isDirectory(layout.orgDirectory())) {
      new CryptoGenerator(clock).generatePeerOrg(layout.root(), config.orgDomain(), 1, 1);
      log.info("generated crypto material for {} in {}", config.orgDomain(), layout.orgDirectory());
    }
    SigningIdentity identity =
        SigningIdentity.load(layout.peerMspDirectory(0), config.mspId(), clock);
    Msp localMsp = Msp.fromConfig(MspFolder.read(layout.peerMspDirectory(0), config.mspId()));
    Path channelsDirectory = root.resolve("channels");
    if (!Files.exists(channelBlock(root, config.channelId()))) {
      createChannel(config, config.channelId(), clock);
    }
    List<Channel> channels = new ArrayList<>();
    Map<String, Block> configBlocks = new HashMap<>();
    for (Path file : blocks(channelsDirectory)) {
      try {
        Block block = Block.parseFrom(Files.readAllBytes(file));
        Channel channel = Channel.fromConfigBlock(block);
        channels.add(channel);
        configBlocks.put(channel.id(), block);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read channel config block " + file, e);
      }
    }
    return new PeerData(
        layout, identity, localMsp, List.copyOf(channels), Map.copyOf(configBlocks));
  }

  /**
   * Creates a channel with the peer's organisation as its only member: writes its genesis config
   * block to {@code channels/<id>.block}, which the peer joins when it starts.
   *
   * @throws IllegalArgumentException if the channel exists or its name is not a valid channel name
   */
  static Path createChannel(NodeConfig config, String channelId, Clock clock) {
    if (!CHANNEL_NAME.matcher(channelId).matches()) {
      throw new IllegalArgumentException(
          "'"
              + channelId
              + "' is not a valid channel name: lower-case letters, digits, '.' and '-', starting"
              + " with a letter, at most 249 characters (Fabric's rule)");
    }
    Path block = channelBlock(config.dataDirectory(), channelId);
    if (Files.exists(block)) {
      throw new IllegalArgumentException("channel " + channelId + " already exists: " + block);
    }
    PeerOrgLayout layout =
        new PeerOrgLayout(config.dataDirectory().resolve("crypto"), config.orgDomain());
    Block genesis =
        GenesisBlock.create(
            channelId,
            List.of(
                new Organization(
                    config.mspId(), MspFolder.read(layout.mspDirectory(), config.mspId()))),
            clock.instant());
    write(block, genesis.toByteArray());
    log.info("created channel {} in {}", channelId, block);
    return block;
  }

  /** The ids of the channels in a data directory (those the peer joins when it starts), sorted. */
  static List<String> channelIds(Path dataDirectory) {
    Path directory = dataDirectory.resolve("channels");
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    return blocks(directory).stream()
        .map(f -> f.getFileName().toString().replaceFirst("\\.block$", ""))
        .toList();
  }

  private static Path channelBlock(Path dataDirectory, String channelId) {
    return dataDirectory.resolve("channels").resolve(channelId + ".block");
  }

  private static List<Path> blocks(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".block")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  private static void write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(temporary, content);
      Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
