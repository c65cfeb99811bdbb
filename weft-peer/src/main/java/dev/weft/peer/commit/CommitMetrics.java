package dev.weft.peer.commit;

import dev.weft.peer.metrics.Buckets;
import dev.weft.peer.metrics.Counter;
import dev.weft.peer.metrics.Gauge;
import dev.weft.peer.metrics.Histogram;
import dev.weft.peer.metrics.MetricsRegistry;

/**
 * The committer's metrics, with the names, labels, buckets and meaning of Fabric's ledger metrics
 * (its {@code core/ledger/kvledger/metrics.go} and {@code common/ledger/blkstorage/metrics.go}), so
 * that dashboards made for a Fabric peer work. All are by channel.
 *
 * <p>Fabric writes a block to its block store and its state to the state database one after the
 * other, and times them apart; Weft writes block, state and history in one atomic batch, timed as
 * {@code ledger_blockstorage_and_pvtdata_commit_time}. There is no {@code
 * ledger_statedb_commit_time}: Weft has no separate state commit to time.
 *
 * @param blockProcessingTime time to check a block's transactions for read conflicts and prepare
 *     its updates (Fabric's state validation, which follows the signature and policy checks)
 * @param blockstorageAndPvtdataCommitTime time of the one durable write of a block with its state
 *     and history updates
 * @param blockchainHeight the number of blocks in the channel's chain
 * @param transactionCount committed transactions by channel, transaction_type, chaincode ({@code
 *     name:version}) and validation_code; as in Fabric, a transaction invalidated before the read
 *     conflict check has type and chaincode {@code unknown}
 */
record CommitMetrics(
    Histogram blockProcessingTime,
    Histogram blockstorageAndPvtdataCommitTime,
    Gauge blockchainHeight,
    Counter transactionCount) {

  /** Fabric's buckets for its ledger's timings. */
  static final Buckets LEDGER_BUCKETS = Buckets.of(0.005, 0.01, 0.015, 0.05, 0.1, 1, 10);

  static CommitMetrics in(MetricsRegistry registry) {
    return new CommitMetrics(
        registry.histogram(
            "ledger_block_processing_time",
            "Seconds taken to check a block's transactions for read conflicts and prepare its"
                + " updates.",
            LEDGER_BUCKETS,
            "channel"),
        registry.histogram(
            "ledger_blockstorage_and_pvtdata_commit_time",
            "Seconds taken to write a block, with its state and history updates, to storage.",
            LEDGER_BUCKETS,
            "channel"),
        registry.gauge(
            "ledger_blockchain_height", "Number of blocks in the channel's chain.", "channel"),
        registry.counter(
            "ledger_transaction_count",
            "Transactions committed, valid or not.",
            "channel",
            "transaction_type",
            "chaincode",
            "validation_code"));
  }
}
