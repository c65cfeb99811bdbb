package dev.weft.peer.testing;

import com.google.protobuf.ByteString;
import dev.weft.peer.ledger.BlockHashes;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.ledger.PreparedCommit;
import dev.weft.peer.ledger.ValidTransaction;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Commits read-write sets to a ledger as the committer would after validating them: as a real block
 * chained to the ledger's last one, whose entries are (unsigned) transaction envelopes carrying the
 * sets, with the ledger's verdicts in its TRANSACTIONS_FILTER.
 */
public final class LedgerBlocks {

  private LedgerBlocks() {}

  /**
   * Commits {@code transactions} as block {@code number}; each one is the block's entry at its
   * {@code txNum} (entries no transaction names are left empty). Returns the ledger's verdicts, in
   * the order of {@code transactions}.
   */
  public static List<TxValidationCode> commit(
      Ledger ledger, long number, List<ValidTransaction> transactions) {
    int size = transactions.stream().mapToInt(ValidTransaction::txNum).max().orElse(-1) + 1;
    List<ByteString> data = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      data.add(ByteString.EMPTY);
    }
    transactions.forEach(tx -> data.set(tx.txNum(), envelope(ledger.channelId(), tx)));
    PreparedCommit prepared = ledger.prepare(number, transactions);
    byte[] filter = new byte[size];
    java.util.Arrays.fill(filter, (byte) TxValidationCode.INVALID_OTHER_REASON_VALUE);
    for (int i = 0; i < transactions.size(); i++) {
      filter[transactions.get(i).txNum()] = (byte) prepared.validationCodes().get(i).getNumber();
    }
    BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
    for (int i = 0; i <= BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE; i++) {
      metadata.addMetadata(ByteString.EMPTY);
    }
    metadata.setMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE, ByteString.copyFrom(filter));
    ByteString previousHash =
        ledger
            .blocks()
            .lastBlock()
            .map(last -> ByteString.copyFrom(BlockHashes.headerHash(last.getHeader())))
            .orElse(ByteString.EMPTY);
    Block block =
        Block.newBuilder()
            .setHeader(
                BlockHeader.newBuilder()
                    .setNumber(number)
                    .setPreviousHash(previousHash)
                    .setDataHash(ByteString.copyFrom(BlockHashes.dataHash(data))))
            .setData(BlockData.newBuilder().addAllData(data))
            .setMetadata(metadata)
            .build();
    ledger.commit(block, prepared);
    return prepared.validationCodes();
  }

  private static ByteString envelope(String channelId, ValidTransaction tx) {
    ChaincodeAction action =
        ChaincodeAction.newBuilder().setResults(tx.readWriteSet().toByteString()).build();
    ProposalResponsePayload response =
        ProposalResponsePayload.newBuilder().setExtension(action.toByteString()).build();
    ChaincodeActionPayload actionPayload =
        ChaincodeActionPayload.newBuilder()
            .setAction(
                ChaincodeEndorsedAction.newBuilder()
                    .setProposalResponsePayload(response.toByteString()))
            .build();
    Transaction transaction =
        Transaction.newBuilder()
            .addActions(TransactionAction.newBuilder().setPayload(actionPayload.toByteString()))
            .build();
    ChannelHeader header =
        ChannelHeader.newBuilder()
            .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
            .setChannelId(channelId)
            .setTxId(tx.txId())
            .setTimestamp(tx.timestamp())
            .build();
    Payload payload =
        Payload.newBuilder()
            .setHeader(Header.newBuilder().setChannelHeader(header.toByteString()))
            .setData(transaction.toByteString())
            .build();
    return Envelope.newBuilder().setPayload(payload.toByteString()).build().toByteString();
  }
}
