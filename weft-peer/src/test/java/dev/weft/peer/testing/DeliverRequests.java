package dev.weft.peer.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.weft.peer.msp.SigningIdentity;
import java.time.Instant;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekNewest;
import org.hyperledger.fabric.protos.orderer.SeekOldest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;

/** Signed Deliver requests (a {@code SeekInfo} in an envelope) as Fabric's SDKs build them. */
public final class DeliverRequests {

  private DeliverRequests() {}

  /** A request of {@code client} for blocks {@code start} to {@code stop} of a channel. */
  public static Envelope seek(
      SigningIdentity client,
      String channelId,
      SeekPosition start,
      SeekPosition stop,
      SeekInfo.SeekBehavior behavior) {
    ByteString payload =
        Payload.newBuilder()
            .setHeader(
                Header.newBuilder()
                    .setChannelHeader(
                        ChannelHeader.newBuilder()
                            .setType(HeaderType.DELIVER_SEEK_INFO_VALUE)
                            .setChannelId(channelId)
                            .setTimestamp(
                                Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()))
                            .build()
                            .toByteString())
                    .setSignatureHeader(
                        SignatureHeader.newBuilder()
                            .setCreator(client.serialized())
                            .setNonce(ByteString.copyFromUtf8("nonce"))
                            .build()
                            .toByteString()))
            .setData(
                SeekInfo.newBuilder()
                    .setStart(start)
                    .setStop(stop)
                    .setBehavior(behavior)
                    .build()
                    .toByteString())
            .build()
            .toByteString();
    return Envelope.newBuilder()
        .setPayload(payload)
        .setSignature(ByteString.copyFrom(client.sign(payload.toByteArray())))
        .build();
  }

  public static SeekPosition oldest() {
    return SeekPosition.newBuilder().setOldest(SeekOldest.getDefaultInstance()).build();
  }

  public static SeekPosition newest() {
    return SeekPosition.newBuilder().setNewest(SeekNewest.getDefaultInstance()).build();
  }

  public static SeekPosition block(long number) {
    return SeekPosition.newBuilder()
        .setSpecified(SeekSpecified.newBuilder().setNumber(number))
        .build();
  }
}
