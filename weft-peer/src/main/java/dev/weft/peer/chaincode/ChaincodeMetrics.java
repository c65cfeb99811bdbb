package dev.weft.peer.chaincode;

import dev.weft.peer.metrics.Buckets;
import dev.weft.peer.metrics.Counter;
import dev.weft.peer.metrics.Histogram;
import dev.weft.peer.metrics.MetricsRegistry;

/**
 * Chaincode support's metrics, with the names, labels and meaning of Fabric's (its {@code
 * core/chaincode/metrics.go}), so that dashboards made for a Fabric peer work. The {@code
 * chaincode} label is the id the chaincode registered with ({@code name:version} in development
 * mode), as Fabric labels with its chaincode id.
 *
 * @param launchDuration time to launch an installed package (unpack, build when not built yet,
 *     start, and wait for its registration), by chaincode (the package id) and success. A chaincode
 *     that starts and registers by itself (development mode) was not launched by the peer, so, as
 *     in Fabric, where such unsolicited registrations record no launch either, it counts as none
 * @param launchFailures launches that failed for any reason but a timeout, by chaincode
 * @param launchTimeouts launches whose chaincode did not register within the startup timeout, by
 *     chaincode
 * @param shimRequestsReceived requests from chaincode (GET_STATE, PUT_STATE, ...), by type, channel
 *     and chaincode
 * @param shimRequestsCompleted those requests answered, by type, channel, chaincode and success
 *     (the answer was not an ERROR)
 * @param shimRequestDuration time from a request's arrival to its answer, by the same labels
 * @param executeTimeouts executions (Init or Invoke) that timed out, by chaincode
 */
record ChaincodeMetrics(
    Histogram launchDuration,
    Counter launchFailures,
    Counter launchTimeouts,
    Counter shimRequestsReceived,
    Counter shimRequestsCompleted,
    Histogram shimRequestDuration,
    Counter executeTimeouts) {

  static ChaincodeMetrics in(MetricsRegistry registry) {
    return new ChaincodeMetrics(
        registry.histogram(
            "chaincode_launch_duration",
            "Seconds from the start of a chaincode launch until the chaincode registered or the launch"
                + " failed.",
            Buckets.PROMETHEUS_DEFAULTS,
            "chaincode",
            "success"),
        registry.counter(
            "chaincode_launch_failures", "Chaincode launches that failed.", "chaincode"),
        registry.counter(
            "chaincode_launch_timeouts",
            "Chaincode launches that did not complete in time.",
            "chaincode"),
        registry.counter(
            "chaincode_shim_requests_received",
            "Requests received from chaincode (GET_STATE, PUT_STATE, ...).",
            "type",
            "channel",
            "chaincode"),
        registry.counter(
            "chaincode_shim_requests_completed",
            "Requests from chaincode that were answered; success: the answer was not an ERROR.",
            "type",
            "channel",
            "chaincode",
            "success"),
        registry.histogram(
            "chaincode_shim_request_duration",
            "Seconds from the arrival of a request from chaincode until its answer.",
            Buckets.PROMETHEUS_DEFAULTS,
            "type",
            "channel",
            "chaincode",
            "success"),
        registry.counter(
            "chaincode_execute_timeouts",
            "Chaincode executions (Init or Invoke) that did not complete within the execute timeout.",
            "chaincode"));
  }
}
