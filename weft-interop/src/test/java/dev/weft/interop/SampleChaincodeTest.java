package dev.weft.interop;

import static dev.weft.peer.testing.TestPeer.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.peer.chaincode.ExecutionResult;
import dev.weft.peer.testing.TestPeer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The samples as a peer's launcher starts them: {@code java -jar} with Fabric's environment
 * variables, nothing else. They register and serve transactions.
 */
class SampleChaincodeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ChaincodeProcess startJar(TestPeer peer, String id, String jar) {
    Path samples = Path.of(System.getProperty("interop.samples"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return ChaincodeProcess.start(
        PeerEndpoint.of(peer), id, List.of(java, "-jar", samples.resolve(jar).toString()), samples);
  }

  @Test
  void theAssetTransferSampleStartsWithJavaJarAndServesItsContract() throws Exception {
    try (TestPeer peer = TestPeer.start();
        ChaincodeProcess chaincode =
            startJar(peer, "basic:1.0", "weft-sample-asset-transfer.jar")) {
      assertThat(chaincode.isAlive()).isTrue();
      ExecutionResult init = execute(peer, "basic", "InitLedger");
      assertThat(init.response().getStatus()).isEqualTo(200);
      peer.commit(CHANNEL, init);

      JsonNode asset = JSON.readTree(payload(execute(peer, "basic", "ReadAsset", "asset3")));
      assertThat(asset.path("Owner").asText()).isEqualTo("Jin Soo");
      assertThat(asset.path("AppraisedValue").asInt()).isEqualTo(500);

      ExecutionResult transfer = execute(peer, "basic", "TransferAsset", "asset3", "Ana");
      assertThat(payload(transfer)).isEqualTo("Jin Soo");
      ExecutionResult missing = execute(peer, "basic", "ReadAsset", "asset99");
      assertThat(missing.response().getStatus()).isEqualTo(500);
      assertThat(missing.response().getMessage()).isEqualTo("the asset asset99 does not exist");

      JsonNode metadata =
          JSON.readTree(payload(execute(peer, "basic", "org.hyperledger.fabric:GetMetadata")));
      assertThat(metadata.path("contracts").path("basic").path("transactions"))
          .extracting(tx -> tx.path("name").asText())
          .contains("CreateAsset", "TransferAsset", "GetAllAssets");
    }
  }

  @Test
  void theKeyValueSampleStartsWithJavaJarAndServesPutGetAndRange() throws Exception {
    try (TestPeer peer = TestPeer.start();
        ChaincodeProcess chaincode = startJar(peer, "kv:1.0", "weft-sample-kv.jar")) {
      assertThat(chaincode.isAlive()).isTrue();
      peer.commit(CHANNEL, execute(peer, "kv", "put", "a", "1"));
      peer.commit(CHANNEL, execute(peer, "kv", "put", "b", "2"));
      assertThat(payload(execute(peer, "kv", "get", "b"))).isEqualTo("2");
      assertThat(payload(execute(peer, "kv", "range", "a", "z"))).isEqualTo("a=1\nb=2");
    }
  }

  private static ExecutionResult execute(TestPeer peer, String chaincode, String... args)
      throws Exception {
    return peer.execute(chaincode, args).result().get(30, TimeUnit.SECONDS);
  }

  private static String payload(ExecutionResult result) {
    assertThat(result.response().getStatus())
        .as("status of a response with message '%s'", result.response().getMessage())
        .isEqualTo(200);
    return result.response().getPayload().toStringUtf8();
  }
}
