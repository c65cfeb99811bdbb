package dev.weft.peer.config;

import java.time.Duration;

/**
 * The embedded orderer and the committer.
 *
 * @param maxMessageCount most transactions in a block
 * @param preferredMaxBytes most bytes of transactions in a block (unless one alone is larger)
 * @param absoluteMaxBytes the largest transaction envelope Broadcast accepts
 * @param batchTimeout zero: cut a block as soon as no further transaction waits; otherwise wait
 *     this long after a block's first transaction, as Fabric's orderer does
 * @param endorsementPolicy the channel policy every chaincode's endorsements must satisfy until
 *     chaincode definitions name their own
 */
public record OrderingConfig(
    int maxMessageCount,
    long preferredMaxBytes,
    long absoluteMaxBytes,
    Duration batchTimeout,
    String endorsementPolicy) {

  public OrderingConfig {
    if (maxMessageCount < 1) {
      throw new IllegalArgumentException(Setting.ORDERER_MAX_MESSAGE_COUNT.key() + " must be >= 1");
    }
    if (preferredMaxBytes < 1 || absoluteMaxBytes < preferredMaxBytes) {
      throw new IllegalArgumentException(
          Setting.ORDERER_PREFERRED_MAX_BYTES.key()
              + " must be >= 1 and at most "
              + Setting.ORDERER_ABSOLUTE_MAX_BYTES.key());
    }
    if (batchTimeout.isNegative()) {
      throw new IllegalArgumentException(
          Setting.ORDERER_BATCH_TIMEOUT.key() + " must not be negative");
    }
    if (!endorsementPolicy.startsWith("/Channel/")) {
      throw new IllegalArgumentException(
          Setting.PEER_ENDORSEMENT_POLICY.key() + " must be a channel policy path (/Channel/...)");
    }
  }
}
