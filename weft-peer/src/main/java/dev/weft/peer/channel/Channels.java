package dev.weft.peer.channel;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The channels this peer has joined, by channel id. */
public final class Channels {

  private final Map<String, Channel> byId = new ConcurrentHashMap<>();

  /** Adds a joined channel; a channel is joined once. */
  public Channel add(Channel channel) {
    if (byId.putIfAbsent(channel.id(), channel) != null) {
      throw new ChannelException("channel " + channel.id() + " is already joined");
    }
    return channel;
  }

  public Optional<Channel> get(String channelId) {
    return Optional.ofNullable(byId.get(channelId));
  }

  /** The ids of the joined channels, sorted. */
  public Set<String> ids() {
    return new TreeSet<>(byId.keySet());
  }
}
