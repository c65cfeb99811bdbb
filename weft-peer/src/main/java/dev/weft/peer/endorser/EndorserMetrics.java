package dev.weft.peer.endorser;

import dev.weft.peer.metrics.Buckets;
import dev.weft.peer.metrics.Counter;
import dev.weft.peer.metrics.Histogram;
import dev.weft.peer.metrics.MetricsRegistry;

/**
 * The endorser's metrics, with the names, labels and meaning of Fabric 2.5's (its {@code
 * core/endorser/metrics.go}), recorded at the same steps, so that dashboards made for a Fabric peer
 * work. Proposals received minus successful proposals are the failed ones.
 *
 * @param proposalDuration time from a proposal's arrival to its response, by channel, chaincode and
 *     success (endorsed); only for proposals that passed the checks, as in Fabric
 * @param proposalsReceived every proposal
 * @param successfulProposals proposals answered with an endorsement
 * @param proposalValidationFailures proposals refused by the first checks: malformed, creator
 *     expired or timestamp outside the time window (Fabric's auth filters, which run before its
 *     endorser), bad header, txid or signature, creator not valid
 * @param proposalAclFailures proposals whose creator the channel's access policy refused, by
 *     channel and chaincode
 * @param endorsementFailures proposals simulated but not endorsed, by channel, chaincode and
 *     chaincodeerror: {@code true} when the chaincode answered a status from 400 to 499, {@code
 *     false} when signing the endorsement failed (a status of 500 or more is neither, as in Fabric)
 * @param duplicateTransactionFailures proposals refused because their txid is committed or being
 *     endorsed, by channel and chaincode
 * @param proposalSimulationFailures proposals whose simulation failed (chaincode not running,
 *     ERROR, timeout, stream ended), by channel and chaincode
 */
record EndorserMetrics(
    Histogram proposalDuration,
    Counter proposalsReceived,
    Counter successfulProposals,
    Counter proposalValidationFailures,
    Counter proposalAclFailures,
    Counter endorsementFailures,
    Counter duplicateTransactionFailures,
    Counter proposalSimulationFailures) {

  static EndorserMetrics in(MetricsRegistry registry) {
    return new EndorserMetrics(
        registry.histogram(
            "endorser_proposal_duration",
            "Seconds from the arrival of a proposal until its response.",
            Buckets.PROMETHEUS_DEFAULTS,
            "channel",
            "chaincode",
            "success"),
        registry.counter("endorser_proposals_received", "Proposals received."),
        registry.counter(
            "endorser_successful_proposals", "Proposals answered with an endorsement."),
        registry.counter(
            "endorser_proposal_validation_failures",
            "Proposals refused by the first checks (malformed, expired, bad signature, ...)."),
        registry.counter(
            "endorser_proposal_acl_failures",
            "Proposals whose creator the channel's access policy refused.",
            "channel",
            "chaincode"),
        registry.counter(
            "endorser_endorsement_failures",
            "Proposals simulated but not endorsed; chaincodeerror: the chaincode answered a status"
                + " from 400 to 499.",
            "channel",
            "chaincode",
            "chaincodeerror"),
        registry.counter(
            "endorser_duplicate_transaction_failures",
            "Proposals refused because their transaction id was already used.",
            "channel",
            "chaincode"),
        registry.counter(
            "endorser_proposal_simulation_failures",
            "Proposals whose simulation failed (chaincode not running, ERROR, timeout, ...).",
            "channel",
            "chaincode"));
  }
}
