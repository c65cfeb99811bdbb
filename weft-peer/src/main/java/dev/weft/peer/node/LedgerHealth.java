package dev.weft.peer.node;

import dev.weft.peer.channel.Channels;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.ledger.Ledgers;
import dev.weft.peer.operations.HealthCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ledger} health check: every joined channel has its ledger open, and its last block and
 * its state can be read.
 */
record LedgerHealth(Channels channels, Ledgers ledgers) implements HealthCheck {

  @Override
  public Optional<String> problem() {
    List<String> problems = new ArrayList<>();
    for (String channelId : channels.ids()) {
      Optional<Ledger> ledger = ledgers.get(channelId);
      if (ledger.isEmpty()) {
        problems.add("channel " + channelId + " has no open ledger");
        continue;
      }
      try {
        ledger.get().snapshot().close();
        ledger.get().blocks().lastBlock();
      } catch (RuntimeException e) {
        problems.add("the ledger of channel " + channelId + " cannot be read: " + e.getMessage());
      }
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }
}
