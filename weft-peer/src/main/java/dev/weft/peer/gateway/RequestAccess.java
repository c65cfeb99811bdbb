package dev.weft.peer.gateway;

import dev.weft.peer.channel.Channel;
import dev.weft.peer.channel.Channels;
import dev.weft.peer.policy.PolicyException;
import dev.weft.peer.policy.SignatureSet;
import dev.weft.peer.policy.SignedData;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;

/**
 * The access check of the gateway's signed requests (CommitStatus, ChaincodeEvents), as Fabric's
 * ACL provider makes it: the requester's signature over the request must satisfy the policy the
 * channel's ACLs name for the resource ({@code gateway/CommitStatus}, {@code
 * gateway/ChaincodeEvents}), or by default the channel's application Readers. A refusal is
 * PERMISSION_DENIED with the ACL provider's message.
 */
final class RequestAccess {

  static final String COMMIT_STATUS = "gateway/CommitStatus";
  static final String CHAINCODE_EVENTS = "gateway/ChaincodeEvents";
  private static final String READERS = "/Channel/Application/Readers";

  private final Channels channels;

  RequestAccess(Channels channels) {
    this.channels = channels;
  }

  /** Passes, or throws PERMISSION_DENIED saying why. */
  void check(String resource, String channelId, SignedData request) {
    if (channelId.isEmpty()) {
      throw denied(
          "Invalid channel ID name during check policy on signed data. Name must be different"
              + " from nil.");
    }
    Optional<Channel> channel = channels.get(channelId);
    if (channel.isEmpty()) {
      throw denied("Failed to get policy manager for channel [" + channelId + "]");
    }
    Optional<String> configured = channel.get().aclPolicy(resource);
    String path = configured.orElse(READERS);
    try {
      channel.get().policy(path).evaluate(SignatureSet.of(request));
    } catch (PolicyException e) {
      // The two ACL providers word their failures differently; both wordings are kept.
      throw denied(
          configured.isPresent()
              ? "failed evaluating policy on signed data during check policy ["
                  + path
                  + "]: ["
                  + e.getMessage()
                  + "]"
              : "Failed evaluating policy on signed data during check policy on channel ["
                  + channelId
                  + "] with policy ["
                  + path
                  + "]: ["
                  + e.getMessage()
                  + "]");
    }
  }

  private static StatusRuntimeException denied(String message) {
    return GatewayError.of(Status.Code.PERMISSION_DENIED, message);
  }
}
