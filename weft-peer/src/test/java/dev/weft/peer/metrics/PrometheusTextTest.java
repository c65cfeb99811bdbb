package dev.weft.peer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text exposition format 0.0.4, line by line, as Prometheus' Go client writes it. */
class PrometheusTextTest {

  private final MetricsRegistry registry = new MetricsRegistry();

  @Test
  void aCounterWithoutLabelsIsWrittenWithHelpAndTypeAndIsZeroBeforeAnythingHappens() {
    registry.counter("endorser_proposals_received", "Proposals received.");

    assertThat(PrometheusText.render(registry))
        .isEqualTo(
            """
            # HELP endorser_proposals_received Proposals received.
            # TYPE endorser_proposals_received counter
            endorser_proposals_received 0
            """);
  }

  @Test
  void labelsAreSortedByNameAndSeriesByTheirValues() {
    Counter completed =
        registry.counter("requests_completed", "Requests.", "type", "channel", "success");
    completed.increment("PUT_STATE", "mychannel", "true");
    completed.add(3, "GET_STATE", "mychannel", "true");
    completed.increment("GET_STATE", "mychannel", "false");
    completed.increment("GET_STATE", "achannel", "true");

    assertThat(PrometheusText.render(registry))
        .isEqualTo(
            """
            # HELP requests_completed Requests.
            # TYPE requests_completed counter
            requests_completed{channel="achannel",success="true",type="GET_STATE"} 1
            requests_completed{channel="mychannel",success="false",type="GET_STATE"} 1
            requests_completed{channel="mychannel",success="true",type="GET_STATE"} 3
            requests_completed{channel="mychannel",success="true",type="PUT_STATE"} 1
            """);
  }

  @Test
  void labelValuesEscapeBackslashQuoteAndNewlineAndHelpEscapesBackslashAndNewline() {
    registry
        .counter("odd", "A help with \\ and\na second line, \"quoted\".", "chaincode")
        .increment("say \"hi\"\\n\nnow");

    assertThat(PrometheusText.render(registry))
        .isEqualTo(
            """
            # HELP odd A help with \\\\ and\\na second line, "quoted".
            # TYPE odd counter
            odd{chaincode="say \\"hi\\"\\\\n\\nnow"} 1
            """);
  }

  @Test
  void aHistogramWritesCumulativeBucketsEndingWithInfThenSumAndCount() {
    Histogram duration =
        registry.histogram(
            "ledger_block_processing_time",
            "Seconds per block.",
            Buckets.of(0.005, 0.01, 0.015, 0.05, 0.1, 1, 10),
            "channel");
    duration.observe(0.005, "mychannel"); // on a bound: in that bucket
    duration.observe(0.012, "mychannel");
    duration.observe(0.5, "mychannel");
    duration.observe(20, "mychannel");

    assertThat(PrometheusText.render(registry))
        .isEqualTo(
            """
            # HELP ledger_block_processing_time Seconds per block.
            # TYPE ledger_block_processing_time histogram
            ledger_block_processing_time_bucket{channel="mychannel",le="0.005"} 1
            ledger_block_processing_time_bucket{channel="mychannel",le="0.01"} 1
            ledger_block_processing_time_bucket{channel="mychannel",le="0.015"} 2
            ledger_block_processing_time_bucket{channel="mychannel",le="0.05"} 2
            ledger_block_processing_time_bucket{channel="mychannel",le="0.1"} 2
            ledger_block_processing_time_bucket{channel="mychannel",le="1"} 3
            ledger_block_processing_time_bucket{channel="mychannel",le="10"} 3
            ledger_block_processing_time_bucket{channel="mychannel",le="+Inf"} 4
            ledger_block_processing_time_sum{channel="mychannel"} 20.517
            ledger_block_processing_time_count{channel="mychannel"} 4
            """);
  }

  @Test
  void histogramsUsePrometheusDefaultBucketsAsFabricDoesUnlessTheyNameTheirOwn() {
    registry
        .histogram("endorser_proposal_duration", "Seconds.", Buckets.PROMETHEUS_DEFAULTS)
        .observe(0.2);

    assertThat(PrometheusText.render(registry))
        .contains(
            "endorser_proposal_duration_bucket{le=\"0.005\"} 0\n",
            "endorser_proposal_duration_bucket{le=\"0.025\"} 0\n",
            "endorser_proposal_duration_bucket{le=\"0.25\"} 1\n",
            "endorser_proposal_duration_bucket{le=\"2.5\"} 1\n",
            "endorser_proposal_duration_bucket{le=\"10\"} 1\n",
            "endorser_proposal_duration_bucket{le=\"+Inf\"} 1\n",
            "endorser_proposal_duration_sum 0.2\n",
            "endorser_proposal_duration_count 1\n");
  }

  @Test
  void metricsAreSortedByNameAndALabelledMetricWithoutSeriesIsLeftOut() {
    registry.gauge("ledger_blockchain_height", "Blocks.", "channel").set(7, "mychannel");
    registry.counter("chaincode_launch_failures", "Failures.", "chaincode");
    registry.counter("a_total", "First.");

    assertThat(PrometheusText.render(registry))
        .isEqualTo(
            """
            # HELP a_total First.
            # TYPE a_total counter
            a_total 0
            # HELP ledger_blockchain_height Blocks.
            # TYPE ledger_blockchain_height gauge
            ledger_blockchain_height{channel="mychannel"} 7
            """);
  }

  @Test
  void valuesAreWrittenAsPrometheusParsesThem() {
    assertThat(PrometheusText.number(3)).isEqualTo("3");
    assertThat(PrometheusText.number(-2)).isEqualTo("-2");
    assertThat(PrometheusText.number(0.25)).isEqualTo("0.25");
    assertThat(PrometheusText.number(1.5e-7)).isEqualTo("1.5E-7");
    assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(PrometheusText.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(PrometheusText.number(Double.NaN)).isEqualTo("NaN");
  }
}
