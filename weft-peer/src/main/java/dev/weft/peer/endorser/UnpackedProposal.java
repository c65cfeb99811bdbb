package dev.weft.peer.endorser;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.weft.peer.msp.Ecdsa;
import java.security.MessageDigest;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * The parts of a signed proposal the endorser needs, unpacked as Fabric's {@code UnpackProposal}
 * does. The chaincode name comes from the header extension, not from the invocation spec.
 *
 * @param signedProposal the proposal as received
 * @param header the proposal's header (channel and signature header bytes as received)
 * @param channelHeader the parsed channel header
 * @param signatureHeader the parsed signature header
 * @param chaincodeName the chaincode to invoke
 * @param input the chaincode input
 * @param proposalHash SHA-256 of channel header ‖ signature header ‖ the payload without its
 *     transient map
 */
record UnpackedProposal(
    SignedProposal signedProposal,
    Header header,
    ChannelHeader channelHeader,
    SignatureHeader signatureHeader,
    String chaincodeName,
    ChaincodeInput input,
    byte[] proposalHash) {

  String channelId() {
    return channelHeader.getChannelId();
  }

  String txId() {
    return channelHeader.getTxId();
  }

  static UnpackedProposal unpack(SignedProposal signed) {
    Proposal proposal = parse(Proposal.parser(), signed.getProposalBytes(), "Proposal");
    Header header = parse(Header.parser(), proposal.getHeader(), "Header");
    ChannelHeader channelHeader =
        parse(ChannelHeader.parser(), header.getChannelHeader(), "ChannelHeader");
    SignatureHeader signatureHeader =
        parse(SignatureHeader.parser(), header.getSignatureHeader(), "SignatureHeader");
    ChaincodeHeaderExtension extension =
        parse(
            ChaincodeHeaderExtension.parser(),
            channelHeader.getExtension(),
            "ChaincodeHeaderExtension");
    if (!extension.hasChaincodeId()) {
      throw new ProposalRejected("ChaincodeHeaderExtension.ChaincodeId is nil");
    }
    if (extension.getChaincodeId().getName().isEmpty()) {
      throw new ProposalRejected("ChaincodeHeaderExtension.ChaincodeId.Name is empty");
    }
    ChaincodeProposalPayload payload =
        parse(ChaincodeProposalPayload.parser(), proposal.getPayload(), "ChaincodeProposalPayload");
    ChaincodeInvocationSpec spec =
        parse(ChaincodeInvocationSpec.parser(), payload.getInput(), "ChaincodeInvocationSpec");
    if (!spec.hasChaincodeSpec()) {
      throw new ProposalRejected("chaincode invocation spec did not contain chaincode spec");
    }
    if (!spec.getChaincodeSpec().hasInput()) {
      throw new ProposalRejected("chaincode input did not contain any input");
    }
    // The transient map never reaches the transaction, so it is not part of the hash.
    ByteString withoutTransient =
        ChaincodeProposalPayload.newBuilder().setInput(payload.getInput()).build().toByteString();
    MessageDigest sha256 = Ecdsa.sha256();
    sha256.update(header.getChannelHeader().asReadOnlyByteBuffer());
    sha256.update(header.getSignatureHeader().asReadOnlyByteBuffer());
    sha256.update(withoutTransient.asReadOnlyByteBuffer());
    return new UnpackedProposal(
        signed,
        header,
        channelHeader,
        signatureHeader,
        extension.getChaincodeId().getName(),
        spec.getChaincodeSpec().getInput(),
        sha256.digest());
  }

  private static <T extends Message> T parse(Parser<T> parser, ByteString bytes, String what) {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new ProposalRejected("error unmarshalling " + what + ": " + e.getMessage());
    }
  }
}
