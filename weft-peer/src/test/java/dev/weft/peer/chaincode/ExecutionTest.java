package dev.weft.peer.chaincode;

import static dev.weft.peer.testing.TestPeer.CHANNEL;
import static dev.weft.peer.testing.TestPeer.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.GET_STATE;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.PUT_STATE;

import com.google.protobuf.ByteString;
import dev.weft.peer.testing.Proposals;
import dev.weft.peer.testing.ScriptedChaincode;
import dev.weft.peer.testing.ScriptedTransaction;
import dev.weft.peer.testing.TestPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExecutionTest {

  private TestPeer peer = TestPeer.start();
  private ScriptedChaincode cc;

  @BeforeEach
  void register() {
    cc = ScriptedChaincode.register(peer.chaincodeAddress(), "cc:1.0");
  }

  @AfterEach
  void stop() {
    cc.close();
    peer.close();
  }

  @Test
  void theTransactionCarriesTheInputTxidChannelAndProposalWithDecorationsCleared()
      throws Exception {
    ChaincodeInput input =
        Proposals.input("f", "x").toBuilder()
            .putDecorations("client", ByteString.copyFromUtf8("must not reach the chaincode"))
            .build();
    TestPeer.Execution execution = peer.execute(CHANNEL, "cc", input);
    ChaincodeMessage tx = cc.expect(ChaincodeMessage.Type.TRANSACTION);
    assertThat(tx.getTxid()).isEqualTo(execution.txId());
    assertThat(tx.getChannelId()).isEqualTo(CHANNEL);
    assertThat(tx.getProposal()).isEqualTo(execution.proposal().signedProposal());
    ChaincodeInput received = ChaincodeInput.parseFrom(tx.getPayload());
    assertThat(received.getArgsList()).isEqualTo(input.getArgsList());
    assertThat(received.getDecorationsMap()).isEmpty();
    cc.complete(tx, ByteString.EMPTY);
    execution.result().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anInitInputIsSentAsInit() throws Exception {
    TestPeer.Execution execution =
        peer.execute(CHANNEL, "cc", Proposals.input("init").toBuilder().setIsInit(true).build());
    ChaincodeMessage init = cc.expect(ChaincodeMessage.Type.INIT);
    cc.complete(init, ByteString.EMPTY);
    assertThat(execution.result().get(10, TimeUnit.SECONDS).response().getStatus()).isEqualTo(200);
  }

  @Test
  void theResultHasTheResponseAndTheEventWithChaincodeNameAndTxidFilledIn() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    cc.send(
        ChaincodeMessage.newBuilder()
            .setType(ChaincodeMessage.Type.COMPLETED)
            .setTxid(tx.txId())
            .setChannelId(CHANNEL)
            .setPayload(
                Response.newBuilder()
                    .setStatus(201)
                    .setMessage("made")
                    .setPayload(ByteString.copyFromUtf8("out"))
                    .build()
                    .toByteString())
            .setChaincodeEvent(
                ChaincodeEvent.newBuilder()
                    .setEventName("Created")
                    .setPayload(ByteString.copyFromUtf8("evt"))
                    .setChaincodeId("whatever the shim says")
                    .setTxId("wrong"))
            .build());
    ExecutionResult result = tx.result();
    assertThat(result.response())
        .isEqualTo(
            Response.newBuilder()
                .setStatus(201)
                .setMessage("made")
                .setPayload(ByteString.copyFromUtf8("out"))
                .build());
    assertThat(result.event())
        .contains(
            ChaincodeEvent.newBuilder()
                .setChaincodeId("cc")
                .setTxId(tx.txId())
                .setEventName("Created")
                .setPayload(ByteString.copyFromUtf8("evt"))
                .build());
  }

  @Test
  void anErrorFromTheChaincodeFailsTheExecutionWithItsText() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    cc.send(
        ScriptedChaincode.message(
            ChaincodeMessage.Type.ERROR, CHANNEL, tx.txId(), ByteString.copyFromUtf8("boom")));
    assertThatThrownBy(() -> tx.execution().result().get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ChaincodeException.class)
        .cause()
        .hasMessage("transaction returned with failure: boom");
  }

  @Test
  void aChaincodeThatIsNotRunningIsNamedWithHowToStartIt() {
    assertThatThrownBy(() -> peer.execute("nosuch", "f").result().get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(ChaincodeException.class)
        .hasMessageContaining("chaincode nosuch is not running")
        .hasMessageContaining("CORE_CHAINCODE_ID_NAME=nosuch:<version>");
  }

  @Test
  void anUnknownChannelIsReportedAsFabricDoes() {
    assertThatThrownBy(
            () ->
                peer.execute("nochannel", "cc", Proposals.input("f"))
                    .result()
                    .get(10, TimeUnit.SECONDS))
        .cause()
        .hasMessage("channel 'nochannel' not found");
  }

  @Test
  void manyTransactionsRunInterleavedOnOneStream() throws Exception {
    peer.seed(CHANNEL, "cc", keys("shared", "s"));
    List<TestPeer.Execution> executions = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      executions.add(peer.execute("cc", "f", String.valueOf(i)));
    }
    List<ChaincodeMessage> transactions = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      transactions.add(cc.expect(ChaincodeMessage.Type.TRANSACTION));
    }
    // Issue every transaction's requests before answering any, in reverse order.
    Collections.reverse(transactions);
    for (ChaincodeMessage tx : transactions) {
      String arg = ChaincodeInput.parseFrom(tx.getPayload()).getArgs(1).toStringUtf8();
      cc.request(
          PUT_STATE,
          CHANNEL,
          tx.getTxid(),
          PutState.newBuilder().setKey("k" + arg).setValue(ByteString.copyFromUtf8(arg)).build());
    }
    List<ChaincodeMessage> replies = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      replies.add(cc.expect(ChaincodeMessage.Type.RESPONSE));
    }
    assertThat(replies)
        .extracting(ChaincodeMessage::getTxid)
        .containsExactlyInAnyOrderElementsOf(
            transactions.stream().map(ChaincodeMessage::getTxid).toList());
    for (ChaincodeMessage tx : transactions) {
      cc.complete(tx, tx.getPayload());
    }
    for (TestPeer.Execution execution : executions) {
      ExecutionResult result = execution.result().get(10, TimeUnit.SECONDS);
      String arg =
          ChaincodeInput.parseFrom(result.response().getPayload()).getArgs(1).toStringUtf8();
      assertThat(TestPeer.namespace(result.readWriteSet(), "cc").getWritesList())
          .singleElement()
          .satisfies(w -> assertThat(w.getKey()).isEqualTo("k" + arg));
    }
  }

  @Test
  void theSameTransactionIdOnTheSameChannelIsRefusedWhileItRuns() throws Exception {
    Proposals.TestProposal proposal = Proposals.proposal(CHANNEL, "cc", Proposals.input("f"));
    ExecutionRequest request =
        new ExecutionRequest(
            CHANNEL, proposal.txId(), proposal.signedProposal(), "cc", Proposals.input("f"));
    CompletableFuture<ExecutionResult> first = peer.chaincodeSupport().execute(request);
    ChaincodeMessage tx = cc.expect(ChaincodeMessage.Type.TRANSACTION);
    assertThatThrownBy(() -> peer.chaincodeSupport().execute(request).get(10, TimeUnit.SECONDS))
        .cause()
        .hasMessageStartingWith("txid: " + proposal.txId() + "(" + CHANNEL + ") exists");
    cc.complete(tx, ByteString.EMPTY);
    assertThat(first.get(10, TimeUnit.SECONDS).response().getStatus()).isEqualTo(200);
  }

  @Test
  void aTimeoutFailsTheExecutionClearlyAndTheChaincodesLateMessagesAreDropped() throws Exception {
    cc.close();
    peer.close();
    peer = TestPeer.start(c -> c.withExecuteTimeout(Duration.ofSeconds(1)));
    cc = ScriptedChaincode.register(peer.chaincodeAddress(), "cc:1.0");
    TestPeer.Execution execution = peer.execute("cc", "slow");
    ChaincodeMessage tx = cc.expect(ChaincodeMessage.Type.TRANSACTION);

    ExecutionException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> execution.result().get(10, TimeUnit.SECONDS));
    assertThat(failure.getCause())
        .isInstanceOf(ChaincodeException.class)
        .hasMessageStartingWith("timeout expired while executing transaction: chaincode cc:1.0")
        .hasMessageContaining(execution.txId())
        .hasMessageContaining("within 1s")
        .hasMessageContaining("chaincode.executeTimeout (WEFT_CHAINCODE_EXECUTETIMEOUT)");

    ChaincodeMessage late =
        cc.call(GET_STATE, CHANNEL, tx.getTxid(), GetState.newBuilder().setKey("a").build());
    assertThat(late.getType()).isEqualTo(ChaincodeMessage.Type.ERROR);
    assertThat(late.getPayload().toStringUtf8()).contains("no ledger context");
    cc.complete(tx, ByteString.EMPTY);
    // Counted as Fabric counts them: the timeout by chaincode, the late request as a failed one.
    assertThat(peer.metricsText())
        .contains(
            "chaincode_execute_timeouts{chaincode=\"cc:1.0\"} 1\n",
            "chaincode_shim_requests_completed{chaincode=\"cc:1.0\",channel=\"mychannel\","
                + "success=\"false\",type=\"GET_STATE\"} 1\n");

    // The late COMPLETED gets no answer: the next message the chaincode sees is the next
    // TRANSACTION.
    ScriptedTransaction next = ScriptedTransaction.start(peer, cc, "cc", "f");
    assertThat(next.complete().response().getStatus()).isEqualTo(200);
  }

  @Test
  void aBrokenStreamFailsEveryTransactionInFlightAtOnce() throws Exception {
    TestPeer.Execution one = peer.execute("cc", "f");
    TestPeer.Execution two = peer.execute("cc", "g");
    cc.expect(ChaincodeMessage.Type.TRANSACTION);
    cc.expect(ChaincodeMessage.Type.TRANSACTION);
    cc.disconnect();
    for (TestPeer.Execution execution : List.of(one, two)) {
      assertThatThrownBy(() -> execution.result().get(10, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(ChaincodeException.class)
          .hasMessageStartingWith("chaincode stream terminated: chaincode cc:1.0 disconnected")
          .hasMessageContaining(execution.txId());
    }
    assertThatThrownBy(() -> peer.execute("cc", "f").result().get(10, TimeUnit.SECONDS))
        .cause()
        .hasMessageContaining("is not running");
  }

  @Test
  void oneChaincodesFailureDoesNotDisturbAnother() throws Exception {
    try (ScriptedChaincode other =
        ScriptedChaincode.register(peer.chaincodeAddress(), "other:1.0")) {
      TestPeer.Execution broken = peer.execute("cc", "f");
      ScriptedTransaction healthy = ScriptedTransaction.start(peer, other, "other", "f");
      cc.expect(ChaincodeMessage.Type.TRANSACTION);
      cc.disconnect();
      assertThatThrownBy(() -> broken.result().get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
      assertThat(
              healthy.ok(
                  PUT_STATE,
                  PutState.newBuilder().setKey("k").setValue(ByteString.copyFromUtf8("v")).build()))
          .isEmpty();
      assertThat(healthy.complete().response().getStatus()).isEqualTo(200);
    }
  }
}
