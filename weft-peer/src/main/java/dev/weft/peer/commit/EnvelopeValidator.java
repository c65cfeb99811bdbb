package dev.weft.peer.commit;

import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_COMMON_HEADER;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_CREATOR_SIGNATURE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_PAYLOAD;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_PROPOSAL_TXID;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_RWSET;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_ENDORSER_TRANSACTION;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_OTHER_REASON;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.TARGET_CHAIN_NOT_FOUND;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.UNKNOWN_TX_TYPE;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.weft.peer.msp.Ecdsa;
import dev.weft.peer.msp.Identity;
import dev.weft.peer.msp.MspException;
import dev.weft.peer.msp.Msps;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The checks of one block entry that need no ledger, in the order and with the validation codes of
 * Fabric's {@code ValidateTransaction} and its validator's dispatcher: envelope and payload, common
 * header, the creator's signature over the payload, txid, then the endorser transaction (one
 * action, proposal hash) and its chaincode action (chaincode id, read-write set).
 */
final class EnvelopeValidator {

  private final String channelId;
  private final Msps msps;

  EnvelopeValidator(String channelId, Msps msps) {
    this.channelId = channelId;
    this.msps = msps;
  }

  EndorsedTransaction validate(ByteString blockData) throws TransactionRejected {
    Envelope envelope = parse(Envelope.parser(), blockData, INVALID_OTHER_REASON, "Envelope");
    Payload payload = parse(Payload.parser(), envelope.getPayload(), BAD_PAYLOAD, "Payload");
    if (!payload.hasHeader()) {
      throw new TransactionRejected(BAD_COMMON_HEADER, "nil header");
    }
    ChannelHeader channelHeader =
        parse(
            ChannelHeader.parser(),
            payload.getHeader().getChannelHeader(),
            BAD_COMMON_HEADER,
            "ChannelHeader");
    SignatureHeader signatureHeader =
        parse(
            SignatureHeader.parser(),
            payload.getHeader().getSignatureHeader(),
            BAD_COMMON_HEADER,
            "SignatureHeader");
    int type = channelHeader.getType();
    if (type != HeaderType.ENDORSER_TRANSACTION_VALUE
        && type != HeaderType.CONFIG_VALUE
        && type != HeaderType.CONFIG_UPDATE_VALUE) {
      throw new TransactionRejected(BAD_COMMON_HEADER, "invalid header type " + type);
    }
    if (channelHeader.getEpoch() != 0) {
      throw new TransactionRejected(
          BAD_COMMON_HEADER,
          "invalid Epoch in ChannelHeader. Expected 0, got " + channelHeader.getEpoch());
    }
    if (signatureHeader.getNonce().isEmpty()) {
      throw new TransactionRejected(BAD_COMMON_HEADER, "invalid nonce specified in the header");
    }
    if (signatureHeader.getCreator().isEmpty()) {
      throw new TransactionRejected(BAD_COMMON_HEADER, "invalid creator specified in the header");
    }
    // This validator serves one channel: a transaction naming another is not for this ledger.
    if (!channelHeader.getChannelId().equals(channelId)) {
      throw new TransactionRejected(
          TARGET_CHAIN_NOT_FOUND,
          "the transaction is for channel '" + channelHeader.getChannelId() + "'");
    }
    checkCreatorSignature(signatureHeader.getCreator(), envelope);
    if (type != HeaderType.ENDORSER_TRANSACTION_VALUE) {
      throw new TransactionRejected(
          UNKNOWN_TX_TYPE, "channel configuration transactions are not supported yet");
    }
    String expected = txId(signatureHeader.getNonce(), signatureHeader.getCreator());
    if (!channelHeader.getTxId().equals(expected)) {
      throw new TransactionRejected(
          BAD_PROPOSAL_TXID,
          "invalid txid: got " + channelHeader.getTxId() + ", expected " + expected);
    }
    return endorserTransaction(payload, channelHeader);
  }

  private void checkCreatorSignature(ByteString creator, Envelope envelope)
      throws TransactionRejected {
    Identity identity;
    try {
      identity = msps.deserialize(creator);
      msps.validate(identity);
    } catch (MspException e) {
      throw new TransactionRejected(BAD_CREATOR_SIGNATURE, "creator: " + e.getMessage());
    }
    if (!identity.verify(
        envelope.getPayload().toByteArray(), envelope.getSignature().toByteArray())) {
      throw new TransactionRejected(
          BAD_CREATOR_SIGNATURE, "the creator's signature over the payload is not valid");
    }
  }

  private static EndorsedTransaction endorserTransaction(
      Payload payload, ChannelHeader channelHeader) throws TransactionRejected {
    Transaction transaction =
        parse(Transaction.parser(), payload.getData(), INVALID_ENDORSER_TRANSACTION, "Transaction");
    if (transaction.getActionsCount() != 1) {
      throw new TransactionRejected(
          INVALID_ENDORSER_TRANSACTION,
          "only one action per transaction is supported, tx contains "
              + transaction.getActionsCount());
    }
    TransactionAction action = transaction.getActions(0);
    SignatureHeader actionHeader =
        parse(
            SignatureHeader.parser(),
            action.getHeader(),
            INVALID_ENDORSER_TRANSACTION,
            "action SignatureHeader");
    if (actionHeader.getNonce().isEmpty() || actionHeader.getCreator().isEmpty()) {
      throw new TransactionRejected(
          INVALID_ENDORSER_TRANSACTION, "the action's signature header lacks nonce or creator");
    }
    ChaincodeActionPayload actionPayload =
        parse(
            ChaincodeActionPayload.parser(),
            action.getPayload(),
            INVALID_ENDORSER_TRANSACTION,
            "ChaincodeActionPayload");
    ByteString responsePayloadBytes = actionPayload.getAction().getProposalResponsePayload();
    ProposalResponsePayload responsePayload =
        parse(
            ProposalResponsePayload.parser(),
            responsePayloadBytes,
            INVALID_ENDORSER_TRANSACTION,
            "ProposalResponsePayload");
    // The proposal the endorsers answered: the transaction's channel header, the action's
    // signature header and the proposal payload as the client put it in the transaction.
    MessageDigest sha256 = Ecdsa.sha256();
    sha256.update(payload.getHeader().getChannelHeader().asReadOnlyByteBuffer());
    sha256.update(action.getHeader().asReadOnlyByteBuffer());
    sha256.update(actionPayload.getChaincodeProposalPayload().asReadOnlyByteBuffer());
    if (!ByteString.copyFrom(sha256.digest()).equals(responsePayload.getProposalHash())) {
      throw new TransactionRejected(INVALID_ENDORSER_TRANSACTION, "proposal hash does not match");
    }
    ChaincodeHeaderExtension extension =
        parse(
            ChaincodeHeaderExtension.parser(),
            channelHeader.getExtension(),
            INVALID_OTHER_REASON,
            "ChaincodeHeaderExtension");
    ChaincodeAction chaincodeAction =
        parse(
            ChaincodeAction.parser(),
            responsePayload.getExtension(),
            INVALID_OTHER_REASON,
            "ChaincodeAction");
    String invoked = extension.getChaincodeId().getName();
    if (invoked.isEmpty()
        || !chaincodeAction.hasChaincodeId()
        || !invoked.equals(chaincodeAction.getChaincodeId().getName())) {
      throw new TransactionRejected(
          INVALID_OTHER_REASON,
          "the invoked chaincode '"
              + invoked
              + "' is not the one whose action the endorsers signed ('"
              + chaincodeAction.getChaincodeId().getName()
              + "')");
    }
    if (chaincodeAction.getChaincodeId().getVersion().isEmpty()) {
      throw new TransactionRejected(
          INVALID_OTHER_REASON, "the chaincode action names no chaincode version");
    }
    TxReadWriteSet readWriteSet =
        parse(TxReadWriteSet.parser(), chaincodeAction.getResults(), BAD_RWSET, "TxReadWriteSet");
    return new EndorsedTransaction(
        channelHeader,
        invoked,
        responsePayloadBytes,
        chaincodeAction,
        readWriteSet,
        actionPayload.getAction().getEndorsementsList());
  }

  private static String txId(ByteString nonce, ByteString creator) {
    MessageDigest sha256 = Ecdsa.sha256();
    sha256.update(nonce.asReadOnlyByteBuffer());
    sha256.update(creator.asReadOnlyByteBuffer());
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static <T extends Message> T parse(
      Parser<T> parser, ByteString bytes, TxValidationCode code, String what)
      throws TransactionRejected {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new TransactionRejected(code, "error unmarshalling " + what + ": " + e.getMessage());
    }
  }
}
