package dev.weft.peer.node;

import static dev.weft.peer.testing.TestNode.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.GET_STATE;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.PUT_STATE;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.TRANSACTION;

import com.google.protobuf.ByteString;
import dev.weft.peer.operations.VersionInfo;
import dev.weft.peer.testing.ProposalClient;
import dev.weft.peer.testing.ScriptedChaincode;
import dev.weft.peer.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations endpoint of a whole peer, over HTTP: what a Prometheus server scraping a Weft peer
 * sees after proposals, with Fabric's metric names and labels, and what a load balancer's health
 * probe sees.
 */
class OperationsEndpointTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path directory;

  @Test
  void afterProposalsTheMetricsShowTheEndorserAndTheChaincodesRequestsAsFabricNamesThem()
      throws Exception {
    try (TestNode node = TestNode.start(directory.resolve("peer"));
        ScriptedChaincode chaincode =
            ScriptedChaincode.register(node.peer().chaincodeAddress(), "cc:1.0")) {
      ProposalClient user = new ProposalClient(node.org().user());

      // One endorsed proposal whose chaincode reads and writes; the same proposal again while the
      // first is still being endorsed is a duplicate.
      ProposalClient.Built proposal = user.proposal(CHANNEL, "cc", "put", "k", "v");
      CompletableFuture<ProposalResponse> endorsed = node.send(proposal.signed());
      ChaincodeMessage tx = chaincode.expect(TRANSACTION);
      assertRejected(node, proposal.signed());
      chaincode.call(GET_STATE, CHANNEL, tx.getTxid(), GetState.newBuilder().setKey("k").build());
      chaincode.call(
          PUT_STATE,
          CHANNEL,
          tx.getTxid(),
          PutState.newBuilder().setKey("k").setValue(ByteString.copyFromUtf8("v")).build());
      chaincode.complete(tx, ByteString.copyFromUtf8("done"));
      assertThat(endorsed.get(10, TimeUnit.SECONDS).hasEndorsement()).isTrue();
      // A badly signed proposal fails validation; a proposal for a chaincode that is not running
      // fails simulation.
      assertRejected(
          node,
          proposal.signed().toBuilder().setSignature(ByteString.copyFromUtf8("forged")).build());
      ProposalResponse notRunning =
          node.send(user.proposal(CHANNEL, "missing", "f").signed()).get(10, TimeUnit.SECONDS);
      assertThat(notRunning.getResponse().getStatus()).isEqualTo(500);

      HttpResponse<String> metrics = get(node, "/metrics");

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(metrics.body())
          .contains(
              "# TYPE endorser_proposals_received counter\nendorser_proposals_received 4\n",
              "endorser_successful_proposals 1\n",
              "endorser_proposal_validation_failures 1\n",
              "endorser_duplicate_transaction_failures{chaincode=\"cc\",channel=\"mychannel\"} 1\n",
              "endorser_proposal_simulation_failures{chaincode=\"missing\",channel=\"mychannel\"}"
                  + " 1\n",
              "# TYPE endorser_proposal_duration histogram\n",
              "endorser_proposal_duration_count{chaincode=\"cc\",channel=\"mychannel\","
                  + "success=\"true\"} 1\n",
              "endorser_proposal_duration_count{chaincode=\"missing\",channel=\"mychannel\","
                  + "success=\"false\"} 1\n",
              "chaincode_shim_requests_received{chaincode=\"cc:1.0\",channel=\"mychannel\","
                  + "type=\"GET_STATE\"} 1\n",
              "chaincode_shim_requests_received{chaincode=\"cc:1.0\",channel=\"mychannel\","
                  + "type=\"PUT_STATE\"} 1\n",
              "chaincode_shim_requests_completed{chaincode=\"cc:1.0\",channel=\"mychannel\","
                  + "success=\"true\",type=\"GET_STATE\"} 1\n",
              "chaincode_shim_requests_completed{chaincode=\"cc:1.0\",channel=\"mychannel\","
                  + "success=\"true\",type=\"PUT_STATE\"} 1\n",
              "chaincode_shim_request_duration_bucket{chaincode=\"cc:1.0\",channel=\"mychannel\","
                  + "success=\"true\",type=\"PUT_STATE\",le=\"+Inf\"} 1\n",
              "ledger_blockchain_height{channel=\"mychannel\"} 1\n");
      // A chaincode that registers by itself was not launched by the peer.
      assertThat(metrics.body()).doesNotContain("chaincode_launch");
    }
  }

  @Test
  void healthzIsOkWhileLedgersAndChaincodeSupportServeAnd503OnceALedgerIsClosed() throws Exception {
    try (TestNode node = TestNode.start(directory.resolve("peer"))) {
      HttpResponse<String> healthy = get(node, "/healthz");

      assertThat(healthy.statusCode()).isEqualTo(200);
      assertThat(healthy.body()).startsWith("{\"status\":\"OK\",\"time\":\"");

      node.ledger().close();
      HttpResponse<String> unhealthy = get(node, "/healthz");

      assertThat(unhealthy.statusCode()).isEqualTo(503);
      assertThat(unhealthy.body())
          .startsWith("{\"status\":\"Service Unavailable\",\"time\":\"")
          .contains(
              "\"failed_checks\":[{\"component\":\"ledger\","
                  + "\"reason\":\"the ledger of channel mychannel cannot be read: ")
          .doesNotContain("\"component\":\"chaincode\"");
    }
  }

  @Test
  void versionIsThisBuildsAndOtherPathsAndMethodsAreRefused() throws Exception {
    try (TestNode node = TestNode.start(directory.resolve("peer"))) {
      HttpResponse<String> version = get(node, "/version");

      assertThat(version.statusCode()).isEqualTo(200);
      assertThat(version.body())
          .contains("\"Version\":\"" + VersionInfo.ofThisBuild().version() + "\"");
      assertThat(get(node, "/logspec").statusCode()).isEqualTo(404);
      assertThat(
              http.send(
                      HttpRequest.newBuilder(uri(node, "/healthz"))
                          .PUT(HttpRequest.BodyPublishers.noBody())
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(405);
    }
  }

  private static void assertRejected(TestNode node, SignedProposal proposal) {
    assertThatThrownBy(() -> node.send(proposal).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(io.grpc.StatusRuntimeException.class);
  }

  private HttpResponse<String> get(TestNode node, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(node, path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(TestNode node, String path) {
    return URI.create("http://127.0.0.1:" + node.peer().operationsAddress().getPort() + path);
  }
}
