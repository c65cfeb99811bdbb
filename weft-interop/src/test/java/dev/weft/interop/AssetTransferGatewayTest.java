package dev.weft.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The asset-transfer flow of a Fabric application against a Weft peer started as the README starts
 * it, with a chaincode on Fabric's Node contract API ({@code fabric-contract-api} from npm) in
 * development mode, driven by Fabric's Java client library, by its Node client library
 * ({@code @hyperledger/fabric-gateway} from npm) and by the {@code weft} command line.
 */
class AssetTransferGatewayTest {

  private static final String CHANNEL = "mychannel";
  private static final String CHAINCODE = "basic";
  private static final String USER =
      "crypto/peerOrganizations/org1.example.com/users/User1@org1.example.com/msp";

  @TempDir static Path directory;
  private static Path data;
  private static PeerProcess peer;
  private static ReadmePeer session;
  private static Gateway gateway;
  private static ChaincodeProcess chaincode;

  @BeforeAll
  static void start() throws Exception {
    session = ReadmePeer.start(directory, "asset-transfer-peer.log");
    data = session.data();
    peer = session.peer();
    gateway = session.gateway();
    Path assetTransfer = Path.of(System.getProperty("interop.assetTransfer"));
    // As the README starts it: npm run start:dev, with the development-mode environment ("start"
    // is what a peer that launches the package runs, with its own --peer.address).
    chaincode =
        ChaincodeProcess.start(
            new PeerEndpoint(peer.chaincodeAddress(), id -> answers()),
            CHAINCODE + ":1.0",
            List.of("npm", "run", "start:dev", "--silent"),
            assetTransfer);
  }

  @AfterAll
  static void stop() throws Exception {
    if (chaincode != null) {
      chaincode.close();
    }
    if (session != null) {
      session.close();
    }
  }

  @Test
  void theJavaClientRunsTheWholeFlow() throws Exception {
    Network network = gateway.getNetwork(CHANNEL);
    Contract contract = network.getContract(CHAINCODE);

    SubmittedTransaction created =
        contract
            .newProposal("CreateAsset")
            .addArguments("java1", "blue", "5", "Tomoko", "300")
            .build()
            .endorse()
            .submitAsync();
    Status createdStatus = created.getStatus();
    assertThat(createdStatus.getCode()).isEqualTo(TxValidationCode.VALID);
    assertThat(text(contract.evaluateTransaction("ReadAsset", "java1")))
        .contains("\"Owner\":\"Tomoko\"", "\"Color\":\"blue\"");

    contract.submitTransaction("UpdateAsset", "java1", "red", "6", "Tomoko", "350");
    assertThat(text(contract.evaluateTransaction("ReadAsset", "java1")))
        .contains("\"Color\":\"red\"", "\"AppraisedValue\":350");
    assertThat(text(contract.submitTransaction("TransferAsset", "java1", "Max")))
        .isEqualTo("Tomoko");
    assertThat(text(contract.evaluateTransaction("GetAllAssets"))).contains("\"ID\":\"java1\"");

    assertThatThrownBy(() -> contract.evaluateTransaction("ReadAsset", "no-such-asset"))
        .isInstanceOf(GatewayException.class)
        .satisfies(
            e ->
                assertThat(describe((GatewayException) e))
                    .contains("the asset no-such-asset does not exist"));

    // Two transfers endorsed on the same version: the second to commit is an MVCC conflict.
    Transaction first =
        contract.newProposal("TransferAsset").addArguments("java1", "Ann").build().endorse();
    Transaction second =
        contract.newProposal("TransferAsset").addArguments("java1", "Bob").build().endorse();
    assertThat(first.submitAsync().getStatus().getCode()).isEqualTo(TxValidationCode.VALID);
    assertThat(second.submitAsync().getStatus().getCode())
        .isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
    assertThat(text(contract.evaluateTransaction("ReadAsset", "java1")))
        .contains("\"Owner\":\"Ann\"");

    contract.submitTransaction("DeleteAsset", "java1");
    assertThat(text(contract.evaluateTransaction("AssetExists", "java1"))).isEqualTo("false");

    List<String> events = new ArrayList<>();
    try (CloseableIterator<ChaincodeEvent> iterator =
        network
            .newChaincodeEventsRequest(CHAINCODE)
            .startBlock(createdStatus.getBlockNumber())
            .build()
            .getEvents()) {
      while (iterator.hasNext()) {
        ChaincodeEvent event = iterator.next();
        if (event.getTransactionId().equals(created.getTransactionId()) || !events.isEmpty()) {
          events.add(event.getEventName());
        }
        if (event.getEventName().equals("AssetDeleted")) {
          break;
        }
      }
    }
    assertThat(events)
        .containsExactly(
            "AssetCreated", "AssetUpdated", "AssetTransferred", "AssetTransferred", "AssetDeleted");
  }

  @Test
  void theNodeClientRunsTheWholeFlow() throws Exception {
    Path client = Path.of(System.getProperty("interop.gatewayClient"));
    Path user = data.resolve(USER);
    ProcessBuilder builder =
        new ProcessBuilder("node", "flow.js").directory(client.toFile()).redirectErrorStream(true);
    builder
        .environment()
        .putAll(
            Map.of(
                "PEER",
                peer.endorserAddress(),
                "MSP_ID",
                "Org1MSP",
                "CERT",
                user.resolve("signcerts/User1@org1.example.com-cert.pem").toString(),
                "KEY",
                user.resolve("keystore/priv_sk").toString(),
                "CHANNEL",
                CHANNEL,
                "CHAINCODE",
                CHAINCODE,
                "ASSET",
                "node1"));
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the Node flow ends").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();

    assertThat(output)
        .contains("{\"step\":\"create\",\"code\":0,")
        .contains("\"Owner\":\"Tomoko\"")
        .contains("{\"step\":\"update\",\"asset\":{\"ID\":\"node1\",\"Color\":\"red\"")
        .contains("{\"step\":\"transfer\",\"oldOwner\":\"Tomoko\"}")
        .contains("\"node1\"")
        .containsPattern(
            "\\{\"step\":\"error\",\"raised\":true,\"type\":\"\\w+\",\"message\":\"[^\"]*the asset"
                + " no-such-asset does not exist")
        .contains("{\"step\":\"race\",\"first\":0,\"second\":11}")
        .contains("{\"step\":\"delete\",\"exists\":\"false\"}")
        .contains(
            "{\"step\":\"events\",\"names\":[\"AssetCreated\",\"AssetUpdated\",\"AssetTransferred\","
                + "\"AssetTransferred\",\"AssetDeleted\"]}");
  }

  @Test
  void theCommandLineInvokesAndQueriesAsTheReadmeShows() throws Exception {
    String invoke =
        weft("chaincode", "invoke", CHAINCODE, "CreateAsset", "cli1", "green", "3", "Ann", "10");
    assertThat(invoke)
        .contains("\"ID\":\"cli1\"")
        .containsPattern("committed in block \\d+: VALID");
    assertThat(weft("chaincode", "query", CHAINCODE, "ReadAsset", "cli1"))
        .contains("\"Owner\":\"Ann\"");
    assertThat(weft("chaincode", "list").lines()).containsExactly(CHAINCODE + ":1.0");
  }

  @Test
  void theReadmesJavaApplicationCreatesAndReadsBackAnAsset() throws Exception {
    Path app = Path.of(System.getProperty("interop.quickstart")).resolve("AssetApp.java");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("interop.peerJar"),
                app.toString(),
                data.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .containsPattern("created and read back: \\{\"ID\":\"asset-\\d+\",\"Color\":\"yellow\"");
  }

  /** Runs the weft command line of the peer's jar on the peer's data directory. */
  private static String weft(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(System.getProperty("interop.peerJar"));
    command.addAll(List.of(args));
    command.add("--data-dir");
    command.add(data.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private static boolean answers() {
    try {
      gateway.getNetwork(CHANNEL).getContract(CHAINCODE).evaluateTransaction("AssetExists", "x");
      return true;
    } catch (GatewayException e) {
      return false;
    }
  }

  private static String describe(GatewayException e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    e.getDetails().forEach(d -> text.append(" | ").append(d.getMessage()));
    return text.toString();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
