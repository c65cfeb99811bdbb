package dev.weft.interop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.nio.file.Path;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application written with Fabric's own client library, fabric-gateway, against a Weft peer
 * started as the README starts it ({@code java -jar weft-peer.jar}, fresh data directory) through
 * the peer's Gateway service, with the generated User1 identity and the interop chaincode on
 * Fabric's Java shim: transactions submitted and evaluated, their commit status, a chaincode error
 * and a read conflict as the library's exceptions, and chaincode events.
 */
class FabricGatewayClientTest {

  private static final String CHANNEL = "mychannel";

  @TempDir static Path directory;
  private static PeerProcess peer;
  private static ReadmePeer session;
  private static Gateway gateway;
  private static ChaincodeProcess chaincode;

  @BeforeAll
  static void start() throws Exception {
    session = ReadmePeer.start(directory, "weft-peer-gateway.log");
    peer = session.peer();
    gateway = session.gateway();
    chaincode =
        InteropShim.FABRIC_JAVA.start(
            new PeerEndpoint(peer.chaincodeAddress(), FabricGatewayClientTest::answers),
            "interop:1.0");
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
  void aSubmittedTransactionCommitsAndALaterEvaluateReadsWhatItWrote() throws Exception {
    SubmittedTransaction submitted =
        contract()
            .newProposal("put")
            .addArguments("asset1", "blue")
            .build()
            .endorse()
            .submitAsync();

    var status = submitted.getStatus();
    byte[] value = contract().evaluateTransaction("get", "asset1");

    assertThat(status.isSuccessful()).isTrue();
    assertThat(status.getCode()).isEqualTo(TxValidationCode.VALID);
    assertThat(status.getTransactionId()).isEqualTo(submitted.getTransactionId());
    assertThat(status.getBlockNumber()).isPositive();
    assertThat(new String(value, UTF_8)).isEqualTo("blue");
    assertThat(new String(contract().submitTransaction("putGet", "asset2", "red"), UTF_8))
        .as("the result of a submitted transaction")
        .isEmpty();
  }

  @Test
  void aChaincodeErrorIsTheLibrarysEndorseExceptionCarryingTheChaincodesMessage() {
    assertThatThrownBy(() -> contract().submitTransaction("fail", "asset9 does not exist"))
        .isInstanceOfSatisfying(
            EndorseException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
              assertThat(e.getDetails())
                  .extracting(ErrorDetail::getMspId, ErrorDetail::getMessage)
                  .containsExactly(
                      org.assertj.core.groups.Tuple.tuple(
                          "Org1MSP", "chaincode response 500, asset9 does not exist"));
              assertThat(e.getDetails().get(0).getAddress()).isEqualTo(peer.endorserAddress());
            });
    assertThatThrownBy(() -> contract().evaluateTransaction("fail", "asset9 does not exist"))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo(
                      "evaluate call to endorser returned error: chaincode response 500, asset9"
                          + " does not exist");
            });
  }

  @Test
  void aChaincodeThatIsNotRunningIsAnEndorseExceptionSayingHowToStartIt() {
    assertThatThrownBy(() -> network().getContract("absent").submitTransaction("put", "k", "v"))
        .isInstanceOfSatisfying(
            EndorseException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
              assertThat(e.getStatus().getDescription())
                  .contains("chaincode absent is not running")
                  .contains("CORE_CHAINCODE_ID_NAME=absent:<version>");
            });
  }

  @Test
  void twoTransactionsThatReadAndWriteTheSameKeyCommitOneAsAReadConflict() throws Exception {
    // putGet reads the key (getState sees the committed state, not the pending write).
    var first = contract().newProposal("putGet").addArguments("race", "1").build().endorse();
    var second = contract().newProposal("putGet").addArguments("race", "2").build().endorse();

    first.submit();

    assertThatThrownBy(second::submit)
        .isInstanceOfSatisfying(
            CommitException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
              assertThat(e.getTransactionId()).isEqualTo(second.getTransactionId());
            });
  }

  @Test
  void getChaincodeEventsReceivesAnEventFromTheBlockItWasCommittedIn() throws Exception {
    SubmittedTransaction submitted =
        contract()
            .newProposal("event")
            .addArguments("AssetCreated", "asset7")
            .build()
            .endorse()
            .submitAsync();
    long block = submitted.getStatus().getBlockNumber();

    try (CloseableIterator<ChaincodeEvent> events =
        network().newChaincodeEventsRequest("interop").startBlock(block).build().getEvents()) {
      ChaincodeEvent event = events.next();

      assertThat(event.getBlockNumber()).isEqualTo(block);
      assertThat(event.getTransactionId()).isEqualTo(submitted.getTransactionId());
      assertThat(event.getChaincodeName()).isEqualTo("interop");
      assertThat(event.getEventName()).isEqualTo("AssetCreated");
      assertThat(new String(event.getPayload(), UTF_8)).isEqualTo("asset7");
    }
  }

  private static Network network() {
    return gateway.getNetwork(CHANNEL);
  }

  private static Contract contract() {
    return network().getContract("interop");
  }

  /** Whether the chaincode answers through the gateway: it is no longer "not running". */
  private static boolean answers(String chaincodeId) {
    String name = chaincodeId.substring(0, chaincodeId.indexOf(':'));
    try {
      network().getContract(name).evaluateTransaction("txinfo");
      return true;
    } catch (GatewayException e) {
      return !e.getMessage().contains("is not running");
    }
  }
}
