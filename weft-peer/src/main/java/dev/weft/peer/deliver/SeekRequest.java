package dev.weft.peer.deliver;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.policy.SignedData;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;

/**
 * One Deliver request read from its envelope: the channel it names, the requester's signature over
 * the payload, and the still unparsed {@code SeekInfo} (Fabric looks up the channel before reading
 * it, so an unknown channel is NOT_FOUND even when the seek is malformed).
 *
 * @param channelId the channel header's channel
 * @param signed the payload, the creator and the envelope's signature
 * @param seekInfo the payload's data
 */
record SeekRequest(String channelId, SignedData signed, ByteString seekInfo) {

  /** Reads the headers of a request; BAD_REQUEST if they do not parse or are missing. */
  static SeekRequest parse(Envelope envelope) throws Refusal {
    try {
      Payload payload = Payload.parseFrom(envelope.getPayload());
      if (!payload.hasHeader()) {
        throw new Refusal(Status.BAD_REQUEST, "malformed request: the envelope has no header");
      }
      ChannelHeader channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
      SignatureHeader signatureHeader =
          SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
      return new SeekRequest(
          channelHeader.getChannelId(),
          new SignedData(
              envelope.getPayload(), signatureHeader.getCreator(), envelope.getSignature()),
          payload.getData());
    } catch (InvalidProtocolBufferException e) {
      throw new Refusal(Status.BAD_REQUEST, "malformed request: " + e.getMessage());
    }
  }

  /** The seek the request carries; BAD_REQUEST if it does not parse. */
  SeekInfo seek() throws Refusal {
    try {
      return SeekInfo.parseFrom(seekInfo);
    } catch (InvalidProtocolBufferException e) {
      throw new Refusal(Status.BAD_REQUEST, "malformed seek info: " + e.getMessage());
    }
  }
}
