package dev.weft.peer.deliver;

import dev.weft.peer.channel.Channel;
import dev.weft.peer.msp.Identity;
import dev.weft.peer.msp.MspException;
import dev.weft.peer.policy.PolicyException;
import dev.weft.peer.policy.SignatureSet;
import java.time.Clock;
import java.time.Instant;
import org.hyperledger.fabric.protos.common.Status;

/**
 * Whether a Deliver requester may still receive blocks, checked before the first block and again
 * before each one, as Fabric's session access control does: its certificate must not have expired,
 * and its signature over the request must satisfy the channel's readers policy.
 */
final class RequesterAccess {

  private final Channel channel;
  private final String policyPath;
  private final SeekRequest request;
  private final Clock clock;
  private final Instant expiresAt; // null: not a certificate; the policy refuses it
  private boolean policySatisfied;

  RequesterAccess(Channel channel, String policyPath, SeekRequest request, Clock clock) {
    this.channel = channel;
    this.policyPath = policyPath;
    this.request = request;
    this.clock = clock;
    this.expiresAt = expiry(request);
  }

  /** Passes, or refuses with FORBIDDEN. */
  void check() throws Refusal {
    if (expiresAt != null && clock.instant().isAfter(expiresAt)) {
      throw new Refusal(Status.FORBIDDEN, "deliver client identity expired at " + expiresAt);
    }
    // A channel's configuration cannot change in Weft yet, so the policy's verdict cannot either;
    // Fabric evaluates it again only when the configuration changed.
    if (policySatisfied) {
      return;
    }
    try {
      channel.policy(policyPath).evaluate(SignatureSet.of(request.signed()));
    } catch (PolicyException e) {
      throw new Refusal(
          Status.FORBIDDEN, "requester not authorized by " + policyPath + ": " + e.getMessage());
    }
    policySatisfied = true;
  }

  private static Instant expiry(SeekRequest request) {
    try {
      return Identity.fromSerialized(request.signed().identity()).expiresAt();
    } catch (MspException e) {
      return null;
    }
  }
}
