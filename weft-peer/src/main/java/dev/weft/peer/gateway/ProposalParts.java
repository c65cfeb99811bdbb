package dev.weft.peer.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * What the gateway reads from a proposed transaction before any endorser sees it: which channel and
 * chaincode it is for (the chaincode from the invocation spec, as Fabric's gateway takes it) and
 * whether it carries transient data; and the headers and payload the prepared transaction is built
 * from. Signatures and everything else are the endorser's to check.
 *
 * @param header the proposal's header
 * @param channelHeader the parsed channel header
 * @param payload the chaincode proposal payload, with its transient map
 * @param invocation the invocation spec
 */
record ProposalParts(
    Header header,
    ChannelHeader channelHeader,
    ChaincodeProposalPayload payload,
    ChaincodeInvocationSpec invocation) {

  /**
   * Parses a proposal; fails with an {@link IllegalArgumentException} naming what did not parse.
   */
  static ProposalParts parse(SignedProposal signed) {
    Proposal proposal = parse(Proposal.parser(), signed.getProposalBytes(), "Proposal");
    Header header = parse(Header.parser(), proposal.getHeader(), "Header");
    ChannelHeader channelHeader =
        parse(ChannelHeader.parser(), header.getChannelHeader(), "ChannelHeader");
    ChaincodeProposalPayload payload =
        parse(ChaincodeProposalPayload.parser(), proposal.getPayload(), "ChaincodeProposalPayload");
    ChaincodeInvocationSpec invocation =
        parse(ChaincodeInvocationSpec.parser(), payload.getInput(), "ChaincodeInvocationSpec");
    return new ProposalParts(header, channelHeader, payload, invocation);
  }

  /**
   * Parses a proposal to evaluate, with the further checks of Fabric's Evaluate: a proposal, a
   * channel and a chaincode name are required.
   */
  static ProposalParts forEvaluation(SignedProposal signed) {
    if (signed.getProposalBytes().isEmpty()) {
      throw new IllegalArgumentException("a signed proposal is required");
    }
    ProposalParts parts = parse(signed);
    String channel = parts.channelId();
    if (channel.isEmpty()) {
      throw new IllegalArgumentException("no channel id provided");
    }
    if (!parts.invocation.hasChaincodeSpec()) {
      throw new IllegalArgumentException(
          "no chaincode spec is provided, channel id [" + channel + "]");
    }
    if (!parts.invocation.getChaincodeSpec().hasChaincodeId()) {
      throw new IllegalArgumentException(
          "no chaincode id is provided, channel id [" + channel + "]");
    }
    if (parts.chaincodeName().isEmpty()) {
      throw new IllegalArgumentException(
          "no chaincode name is provided, channel id [" + channel + "]");
    }
    return parts;
  }

  String channelId() {
    return channelHeader.getChannelId();
  }

  String chaincodeName() {
    return invocation.getChaincodeSpec().getChaincodeId().getName();
  }

  boolean hasTransientData() {
    return payload.getTransientMapCount() > 0;
  }

  /**
   * The unsigned transaction envelope the client signs and submits, as Fabric's gateway assembles
   * it: the proposal's header, and one action with the proposal's signature header and the endorsed
   * action, beside the proposal payload without its transient data (which must never reach the
   * ledger, and which the endorsers' proposal hash leaves out too).
   */
  Envelope preparedTransaction(ChaincodeEndorsedAction action) {
    ChaincodeProposalPayload withoutTransient =
        ChaincodeProposalPayload.newBuilder().setInput(payload.getInput()).build();
    ChaincodeActionPayload actionPayload =
        ChaincodeActionPayload.newBuilder()
            .setChaincodeProposalPayload(withoutTransient.toByteString())
            .setAction(action)
            .build();
    Transaction transaction =
        Transaction.newBuilder()
            .addActions(
                TransactionAction.newBuilder()
                    .setHeader(header.getSignatureHeader())
                    .setPayload(actionPayload.toByteString()))
            .build();
    Payload envelopePayload =
        Payload.newBuilder().setHeader(header).setData(transaction.toByteString()).build();
    return Envelope.newBuilder().setPayload(envelopePayload.toByteString()).build();
  }

  private static <T extends Message> T parse(Parser<T> parser, ByteString bytes, String what) {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("error unmarshalling " + what + ": " + e.getMessage(), e);
    }
  }
}
