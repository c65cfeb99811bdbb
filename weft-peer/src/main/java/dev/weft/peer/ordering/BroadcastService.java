package dev.weft.peer.ordering;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.channel.Channel;
import dev.weft.peer.deliver.BlockDelivery;
import dev.weft.peer.msp.Identity;
import dev.weft.peer.msp.MspException;
import dev.weft.peer.policy.PolicyException;
import dev.weft.peer.policy.SignatureSet;
import dev.weft.peer.policy.SignedData;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.hyperledger.fabric.protos.orderer.DeliverResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code orderer.AtomicBroadcast}. Broadcast: each envelope on the stream is answered in turn, as
 * Fabric's orderer answers: SUCCESS once it is queued for a block; NOT_FOUND for an unknown
 * channel; BAD_REQUEST for an envelope that does not parse or is too large, for a CONFIG or
 * ORDERER_TRANSACTION envelope (Fabric's orderer takes neither), and for a configuration update
 * (not supported by Weft's embedded orderer yet); FORBIDDEN when its creator is expired or its
 * signature does not satisfy the channel's Writers policy. Deliver: the channel's blocks as the
 * orderer cut them, to requesters that satisfy the channel's Readers policy.
 */
public final class BroadcastService extends AtomicBroadcastGrpc.AtomicBroadcastImplBase {

  private static final Logger log = LoggerFactory.getLogger(BroadcastService.class);
  private static final String WRITERS = "/Channel/Writers";
  private static final String APPLICATION_WRITERS = "/Channel/Application/Writers";

  private final Function<String, Channel> channels;
  private final Map<String, ChannelOrderer> orderers;
  private final long absoluteMaxBytes;
  private final Clock clock;
  private final BlockDelivery delivery;

  /**
   * @param channels the channel of an id, or null
   * @param orderers each channel's orderer
   * @param absoluteMaxBytes the largest envelope accepted (Fabric's AbsoluteMaxBytes)
   * @param delivery serves the channels' blocks for Deliver
   */
  public BroadcastService(
      Function<String, Channel> channels,
      Map<String, ChannelOrderer> orderers,
      long absoluteMaxBytes,
      Clock clock,
      BlockDelivery delivery) {
    this.channels = channels;
    this.orderers = Map.copyOf(orderers);
    this.absoluteMaxBytes = absoluteMaxBytes;
    this.clock = clock;
    this.delivery = delivery;
  }

  @Override
  public StreamObserver<Envelope> broadcast(StreamObserver<BroadcastResponse> responses) {
    return new StreamObserver<>() {
      @Override
      public void onNext(Envelope envelope) {
        responses.onNext(process(envelope));
      }

      @Override
      public void onError(Throwable t) {
        log.debug("broadcast stream ended by the client: {}", t.toString());
      }

      @Override
      public void onCompleted() {
        responses.onCompleted();
      }
    };
  }

  @Override
  public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
    return delivery.serve(responses, OrdererDeliver.ENDPOINT);
  }

  /**
   * The answer to one envelope, as Broadcast gives it: what the gateway's Submit sends to the
   * embedded orderer goes through the same checks as a client's Broadcast.
   */
  public BroadcastResponse process(Envelope envelope) {
    if (envelope.getSerializedSize() > absoluteMaxBytes) {
      return answer(
          Status.BAD_REQUEST,
          "message payload is "
              + envelope.getSerializedSize()
              + " bytes and exceeds maximum allowed "
              + absoluteMaxBytes
              + " bytes");
    }
    Payload payload;
    ChannelHeader channelHeader;
    SignatureHeader signatureHeader;
    try {
      payload = Payload.parseFrom(envelope.getPayload());
      channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
      signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
    } catch (InvalidProtocolBufferException e) {
      return answer(Status.BAD_REQUEST, "bad envelope: " + e.getMessage());
    }
    if (!payload.hasHeader() || envelope.getSignature().isEmpty()) {
      return answer(Status.BAD_REQUEST, "bad envelope: no header or no signature");
    }
    String channelId = channelHeader.getChannelId();
    Channel channel = channels.apply(channelId);
    ChannelOrderer orderer = orderers.get(channelId);
    if (channel == null || orderer == null) {
      return answer(Status.NOT_FOUND, "channel " + channelId + " not found");
    }
    MessageClass kind = MessageClass.of(channelHeader.getType());
    if (kind == MessageClass.CONFIG) {
      return answer(
          Status.BAD_REQUEST,
          "CONFIG envelope for channel "
              + channelId
              + " refused: an orderer takes a configuration change only as a CONFIG_UPDATE, and"
              + " configuration updates are not supported by Weft's embedded orderer yet");
    }
    if (kind == MessageClass.UNSUPPORTED) {
      return answer(
          Status.BAD_REQUEST,
          "ORDERER_TRANSACTION envelope for channel "
              + channelId
              + " refused: the type is no longer supported, as in Fabric 3");
    }
    try {
      Identity creator = Identity.fromSerialized(signatureHeader.getCreator());
      if (clock.instant().isAfter(creator.expiresAt())) {
        return answer(Status.FORBIDDEN, "broadcast client identity expired");
      }
    } catch (MspException e) {
      return answer(Status.FORBIDDEN, "the creator is not an identity: " + e.getMessage());
    }
    String writers = channel.hasPolicy(WRITERS) ? WRITERS : APPLICATION_WRITERS;
    try {
      channel
          .policy(writers)
          .evaluate(
              SignatureSet.of(
                  new SignedData(
                      envelope.getPayload(),
                      signatureHeader.getCreator(),
                      envelope.getSignature())));
    } catch (PolicyException e) {
      return answer(
          Status.FORBIDDEN,
          "implicit policy evaluation failed for " + writers + ": " + e.getMessage());
    }
    // Fabric checks a configuration update's creator and signature before processing it.
    if (kind == MessageClass.CONFIG_UPDATE) {
      return answer(
          Status.BAD_REQUEST,
          "CONFIG_UPDATE for channel "
              + channelId
              + " refused: configuration updates are not supported by Weft's embedded orderer"
              + " yet");
    }
    if (!orderer.order(envelope.toByteString())) {
      return answer(
          Status.SERVICE_UNAVAILABLE, "ordering for channel " + channelId + " has stopped");
    }
    return BroadcastResponse.newBuilder().setStatus(Status.SUCCESS).build();
  }

  private static BroadcastResponse answer(Status status, String info) {
    log.warn("broadcast refused with {}: {}", status, info);
    return BroadcastResponse.newBuilder().setStatus(status).setInfo(info).build();
  }
}
