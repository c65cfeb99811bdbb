package dev.weft.peer.commit;

import static org.hyperledger.fabric.protos.peer.TxValidationCode.DUPLICATE_TXID;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.VALID;

import com.google.protobuf.ByteString;
import dev.weft.peer.channel.Channel;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.ledger.PreparedCommit;
import dev.weft.peer.ledger.StateSnapshot;
import dev.weft.peer.ledger.ValidTransaction;
import dev.weft.peer.metrics.MetricsRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a channel's blocks as Fabric's committer does and commits them to the channel's ledger:
 * each transaction is checked ({@link EnvelopeValidator}, duplicate txid in the ledger or earlier
 * in the block, {@link EndorsementValidator} with chaincode and key-level policies), then the
 * ledger checks the survivors for read conflicts and applies the valid ones. An invalid transaction
 * is marked with Fabric's validation code and nothing of it is applied; the block is committed all
 * the same.
 */
public final class BlockCommitter {

  private static final Logger log = LoggerFactory.getLogger(BlockCommitter.class);

  private final Channel channel;
  private final Ledger ledger;
  private final EnvelopeValidator envelopes;
  private final EndorsementValidator endorsements;
  private final EndorsementPolicies policies;
  private final CommitMetrics metrics;

  /**
   * @param endorsementPolicyPath the channel policy every chaincode's endorsements must satisfy
   *     until chaincode definitions carry their own, e.g. {@code /Channel/Application/Endorsement}
   * @param metrics where the committer declares and records its metrics
   */
  public BlockCommitter(
      Channel channel, Ledger ledger, String endorsementPolicyPath, MetricsRegistry metrics) {
    this(channel, ledger, endorsementPolicyPath, ChaincodeValidationInfo.NONE, metrics);
  }

  /**
   * @param endorsementPolicyPath the channel policy of chaincodes without a committed definition
   *     (development mode), e.g. {@code /Channel/Application/Endorsement}
   * @param definitions the committed chaincode definitions, whose endorsement policies apply to
   *     their chaincodes, and the layout of {@code _lifecycle}'s approvals
   * @param metrics where the committer declares and records its metrics
   */
  public BlockCommitter(
      Channel channel,
      Ledger ledger,
      String endorsementPolicyPath,
      ChaincodeValidationInfo definitions,
      MetricsRegistry metrics) {
    this.channel = channel;
    this.ledger = ledger;
    this.metrics = CommitMetrics.in(metrics);
    this.envelopes = new EnvelopeValidator(channel.id(), channel.msps());
    this.endorsements = new EndorsementValidator(channel.msps());
    this.policies = new EndorsementPolicies(channel, endorsementPolicyPath, definitions);
    this.metrics.blockchainHeight().set(ledger.blocks().nextNumber(), channel.id());
  }

  /**
   * Validates and commits a block; returns each transaction's validation code once the block and
   * its consequences are durable.
   */
  public synchronized CommittedBlock commit(Block block) {
    Validated validated = validate(block);
    TxValidationCode[] codes = validated.codes();
    long writing = System.nanoTime();
    ledger.commit(
        block.toBuilder().setMetadata(withTransactionsFilter(block, codes)).build(),
        validated.prepared());
    metrics.blockstorageAndPvtdataCommitTime().observeSince(writing, channel.id());
    committed(block.getHeader().getNumber(), validated.kinds(), codes);
    return new CommittedBlock(block.getHeader().getNumber(), List.of(codes));
  }

  /**
   * Commits the channel's genesis config block as block 0 if the ledger is empty, so that it holds
   * the whole chain and Deliver serves it from the start. The config block changes no state.
   */
  public synchronized void commitGenesis(Block genesis) {
    if (ledger.blocks().nextNumber() == 0) {
      TxValidationCode[] valid = new TxValidationCode[genesis.getData().getDataCount()];
      Arrays.fill(valid, VALID);
      ledger.commit(
          genesis.toBuilder().setMetadata(withTransactionsFilter(genesis, valid)).build(),
          ledger.prepare(genesis.getHeader().getNumber(), List.of()));
      TransactionKind[] kinds = new TransactionKind[valid.length];
      Arrays.fill(kinds, TransactionKind.CONFIG);
      committed(genesis.getHeader().getNumber(), kinds, valid);
    }
  }

  /**
   * What {@code ledger_transaction_count} says a transaction is.
   *
   * @param type its header type's name, or {@code unknown}
   * @param chaincode {@code name:version} of the chaincode it invoked, or {@code unknown}
   */
  private record TransactionKind(String type, String chaincode) {
    static final TransactionKind UNKNOWN = new TransactionKind("unknown", "unknown");
    static final TransactionKind CONFIG = new TransactionKind(HeaderType.CONFIG.name(), "unknown");

    static TransactionKind of(EndorsedTransaction tx) {
      HeaderType type = HeaderType.forNumber(tx.channelHeader().getType());
      ChaincodeID id = tx.action().getChaincodeId();
      return new TransactionKind(
          type == null ? "unknown" : type.name(), id.getName() + ":" + id.getVersion());
    }
  }

  private void committed(long number, TransactionKind[] kinds, TxValidationCode[] codes) {
    metrics.blockchainHeight().set(number + 1, channel.id());
    for (int i = 0; i < codes.length; i++) {
      metrics
          .transactionCount()
          .increment(channel.id(), kinds[i].type(), kinds[i].chaincode(), codes[i].name());
    }
  }

  private record Validated(
      TxValidationCode[] codes, TransactionKind[] kinds, PreparedCommit prepared) {}

  private Validated validate(Block block) {
    long number = block.getHeader().getNumber();
    List<ByteString> data = block.getData().getDataList();
    TxValidationCode[] codes = new TxValidationCode[data.size()];
    EndorsementValidator.Checked[] checked = new EndorsementValidator.Checked[data.size()];
    // Signature checks dominate and need nothing from other transactions: run them in parallel.
    IntStream.range(0, data.size())
        .parallel()
        .forEach(
            i -> {
              try {
                EndorsedTransaction tx = envelopes.validate(data.get(i));
                if (isCommitted(tx.txId())) {
                  throw new TransactionRejected(
                      DUPLICATE_TXID, "transaction " + tx.txId() + " is already committed");
                }
                checked[i] = endorsements.check(tx);
                codes[i] = VALID;
              } catch (TransactionRejected rejected) {
                reject(codes, number, i, rejected);
              }
            });
    // The policies, in block order: a key-level policy may have been changed by an earlier
    // transaction of the block.
    try (StateSnapshot committed = ledger.snapshot()) {
      ValidationParameters parameters = new ValidationParameters(committed, number);
      EndorsementPolicies.ForBlock blockPolicies = policies.forBlock(committed);
      for (int i = 0; i < data.size(); i++) {
        if (checked[i] == null) {
          continue;
        }
        try {
          endorsements.validate(checked[i], parameters, blockPolicies, i);
        } catch (TransactionRejected rejected) {
          checked[i] = null;
          reject(codes, number, i, rejected);
        }
      }
    }
    // As Fabric: among the transactions found valid, a txid seen earlier in the block is a
    // duplicate. Then the ledger's MVCC check, in block order.
    List<ValidTransaction> candidates = new ArrayList<>();
    List<Integer> candidateIndexes = new ArrayList<>();
    Set<String> txIdsInBlock = new LinkedHashSet<>();
    for (int i = 0; i < data.size(); i++) {
      if (checked[i] == null) {
        continue;
      }
      EndorsedTransaction tx = checked[i].tx();
      if (!txIdsInBlock.add(tx.txId())) {
        codes[i] = DUPLICATE_TXID;
        log.warn("block {} transaction {} repeats txid {}", number, i, tx.txId());
        continue;
      }
      candidates.add(
          new ValidTransaction(i, tx.txId(), tx.channelHeader().getTimestamp(), tx.readWriteSet()));
      candidateIndexes.add(i);
    }
    // As Fabric: what the ledger processes is counted with its type and chaincode, what the
    // committer invalidated before as unknown.
    TransactionKind[] kinds = new TransactionKind[data.size()];
    Arrays.fill(kinds, TransactionKind.UNKNOWN);
    long processing = System.nanoTime();
    PreparedCommit prepared = ledger.prepare(number, candidates);
    metrics.blockProcessingTime().observeSince(processing, channel.id());
    for (int c = 0; c < candidates.size(); c++) {
      int index = candidateIndexes.get(c);
      codes[index] = prepared.validationCodes().get(c);
      kinds[index] = TransactionKind.of(checked[index].tx());
    }
    return new Validated(codes, kinds, prepared);
  }

  private void reject(TxValidationCode[] codes, long number, int i, TransactionRejected rejected) {
    codes[i] = rejected.code();
    log.warn(
        "block {} transaction {} on channel {} is invalid ({}): {}",
        number,
        i,
        channel.id(),
        rejected.code(),
        rejected.getMessage());
  }

  /** Whether a txid was committed in an earlier block. */
  private boolean isCommitted(String txId) {
    return ledger.containsTransaction(txId);
  }

  private static BlockMetadata withTransactionsFilter(Block block, TxValidationCode[] codes) {
    BlockMetadata.Builder metadata = block.getMetadata().toBuilder();
    while (metadata.getMetadataCount() <= BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE) {
      metadata.addMetadata(ByteString.EMPTY);
    }
    return metadata
        .setMetadata(
            BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE,
            new CommittedBlock(block.getHeader().getNumber(), List.of(codes)).transactionsFilter())
        .build();
  }
}
