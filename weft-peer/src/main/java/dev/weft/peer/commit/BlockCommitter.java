package dev.weft.peer.commit;

import static org.hyperledger.fabric.protos.peer.TxValidationCode.DUPLICATE_TXID;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.VALID;

import com.google.protobuf.ByteString;
import dev.weft.peer.channel.Channel;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.ledger.ValidTransaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a channel's blocks as Fabric's committer does and commits them to the channel's ledger:
 * each transaction is checked ({@link EnvelopeValidator}, duplicate txid in the ledger or earlier
 * in the block, {@link EndorsementValidator}), then the ledger checks the survivors for read
 * conflicts and applies the valid ones. An invalid transaction is marked with Fabric's validation
 * code and nothing of it is applied; the block is committed all the same.
 */
public final class BlockCommitter {

  private static final Logger log = LoggerFactory.getLogger(BlockCommitter.class);

  private final Channel channel;
  private final Ledger ledger;
  private final EnvelopeValidator envelopes;
  private final EndorsementValidator endorsements;

  /**
   * @param endorsementPolicyPath the channel policy every chaincode's endorsements must satisfy
   *     until chaincode definitions carry their own, e.g. {@code /Channel/Application/Endorsement}
   */
  public BlockCommitter(Channel channel, Ledger ledger, String endorsementPolicyPath) {
    this.channel = channel;
    this.ledger = ledger;
    this.envelopes = new EnvelopeValidator(channel.id(), channel.msps());
    this.endorsements =
        new EndorsementValidator(namespace -> channel.policy(endorsementPolicyPath));
  }

  /** Validates and commits a block; returns each transaction's validation code. */
  public synchronized CommittedBlock commit(Block block) {
    long number = block.getHeader().getNumber();
    List<ByteString> data = block.getData().getDataList();
    TxValidationCode[] codes = new TxValidationCode[data.size()];
    List<ValidTransaction> candidates = new ArrayList<>();
    List<Integer> candidateIndexes = new ArrayList<>();
    Set<String> txIdsInBlock = new HashSet<>();
    for (int i = 0; i < data.size(); i++) {
      try {
        EndorsedTransaction tx = envelopes.validate(data.get(i));
        if (ledger.containsTransaction(tx.txId()) || !txIdsInBlock.add(tx.txId())) {
          throw new TransactionRejected(DUPLICATE_TXID, "duplicate transaction " + tx.txId());
        }
        endorsements.validate(tx);
        candidates.add(
            new ValidTransaction(
                i, tx.txId(), tx.channelHeader().getTimestamp(), tx.readWriteSet()));
        candidateIndexes.add(i);
        codes[i] = VALID;
      } catch (TransactionRejected rejected) {
        codes[i] = rejected.code();
        log.warn(
            "block {} transaction {} on channel {} is invalid ({}): {}",
            number,
            i,
            channel.id(),
            rejected.code(),
            rejected.getMessage());
      }
    }
    List<TxValidationCode> mvcc = ledger.commit(number, candidates);
    for (int c = 0; c < candidates.size(); c++) {
      codes[candidateIndexes.get(c)] = mvcc.get(c);
    }
    return new CommittedBlock(number, List.of(codes));
  }
}
