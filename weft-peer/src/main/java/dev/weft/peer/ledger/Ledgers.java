package dev.weft.peer.ledger;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The ledgers of the channels this peer has joined, by channel id. */
public final class Ledgers implements AutoCloseable {

  private final Map<String, Ledger> byChannel = new ConcurrentHashMap<>();

  /** Adds the ledger of a channel; a channel has one ledger. */
  public Ledger add(Ledger ledger) {
    Ledger previous = byChannel.putIfAbsent(ledger.channelId(), ledger);
    if (previous != null) {
      throw new IllegalArgumentException("channel " + ledger.channelId() + " already has a ledger");
    }
    return ledger;
  }

  /** The ledger of a channel, if this peer has joined it. */
  public Optional<Ledger> get(String channelId) {
    return Optional.ofNullable(byChannel.get(channelId));
  }

  /** The ids of the joined channels, sorted. */
  public Set<String> channels() {
    return new TreeSet<>(byChannel.keySet());
  }

  @Override
  public void close() {
    byChannel.values().forEach(Ledger::close);
    byChannel.clear();
  }
}
