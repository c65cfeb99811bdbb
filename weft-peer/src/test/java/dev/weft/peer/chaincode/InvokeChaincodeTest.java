package dev.weft.peer.chaincode;

import static dev.weft.peer.testing.TestPeer.CHANNEL;
import static dev.weft.peer.testing.TestPeer.OTHER_CHANNEL;
import static dev.weft.peer.testing.TestPeer.keys;
import static dev.weft.peer.testing.TestPeer.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.GET_STATE;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.INVOKE_CHAINCODE;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.PUT_STATE;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.ByteString;
import dev.weft.peer.testing.Proposals;
import dev.weft.peer.testing.ScriptedChaincode;
import dev.weft.peer.testing.ScriptedTransaction;
import dev.weft.peer.testing.TestPeer;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class InvokeChaincodeTest {

  private final TestPeer peer = TestPeer.start();
  private ScriptedChaincode caller;
  private ScriptedChaincode callee;

  @BeforeEach
  void register() {
    caller = ScriptedChaincode.register(peer.chaincodeAddress(), "caller:1.0");
    callee = ScriptedChaincode.register(peer.chaincodeAddress(), "callee:1.0");
    peer.seed(CHANNEL, "callee", keys("k", "here"));
    peer.seed(OTHER_CHANNEL, "callee", keys("k", "there"));
  }

  @AfterEach
  void stop() {
    caller.close();
    callee.close();
    peer.close();
  }

  @Test
  void onTheSameChannelTheCalleeSharesTheCallersSimulation() throws Exception {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, caller, "caller", "f");
    tx.ok(PUT_STATE, put("mine", "1"));
    caller.request(INVOKE_CHAINCODE, CHANNEL, tx.txId(), invoke("callee", "g", "arg"));

    ChaincodeMessage calleeTx = callee.expect(ChaincodeMessage.Type.TRANSACTION);
    assertThat(calleeTx.getTxid()).isEqualTo(tx.txId());
    assertThat(calleeTx.getChannelId()).isEqualTo(CHANNEL);
    assertThat(calleeTx.getProposal()).isEqualTo(tx.transaction().getProposal());
    assertThat(ChaincodeInput.parseFrom(calleeTx.getPayload()).getArgsList())
        .containsExactly(utf8("g"), utf8("arg"));
    assertThat(callee.call(GET_STATE, CHANNEL, tx.txId(), get("k")).getPayload().toStringUtf8())
        .isEqualTo("here");
    callee.call(PUT_STATE, CHANNEL, tx.txId(), put("theirs", "2"));
    callee.complete(calleeTx, utf8("callee says hi"));

    ChaincodeMessage reply = caller.expect(ChaincodeMessage.Type.RESPONSE);
    ChaincodeMessage inner = ChaincodeMessage.parseFrom(reply.getPayload());
    assertThat(inner.getType()).isEqualTo(ChaincodeMessage.Type.COMPLETED);
    assertThat(Response.parseFrom(inner.getPayload()).getPayload().toStringUtf8())
        .isEqualTo("callee says hi");

    TxReadWriteSet rwSet = tx.complete().readWriteSet();
    assertThat(rwSet.getNsRwsetList())
        .extracting(ns -> ns.getNamespace())
        .containsExactly("callee", "caller");
    assertThat(namespace(rwSet, "callee").getReadsList())
        .extracting(r -> r.getKey())
        .containsExactly("k");
    assertThat(namespace(rwSet, "callee").getWritesList())
        .extracting(w -> w.getKey())
        .containsExactly("theirs");
    assertThat(namespace(rwSet, "caller").getWritesList())
        .extracting(w -> w.getKey())
        .containsExactly("mine");
  }

  @Test
  void aVersionInTheCalleeNameIsIgnoredAndAnErrorFromTheCalleeIsPassedBack() throws Exception {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, caller, "caller", "f");
    caller.request(INVOKE_CHAINCODE, CHANNEL, tx.txId(), invoke("callee:9.9", "g"));
    ChaincodeMessage calleeTx = callee.expect(ChaincodeMessage.Type.TRANSACTION);
    callee.send(
        ScriptedChaincode.message(
            ChaincodeMessage.Type.ERROR, CHANNEL, calleeTx.getTxid(), utf8("nope")));
    ChaincodeMessage inner =
        ChaincodeMessage.parseFrom(caller.expect(ChaincodeMessage.Type.RESPONSE).getPayload());
    assertThat(inner.getType()).isEqualTo(ChaincodeMessage.Type.ERROR);
    assertThat(inner.getPayload().toStringUtf8()).isEqualTo("nope");
    tx.complete();
  }

  @Test
  void aChaincodeCannotCallItself() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, caller, "caller", "f");
    assertThat(tx.error(INVOKE_CHAINCODE, invoke("caller", "again")))
        .startsWith(
            "INVOKE_CHAINCODE failed: transaction ID: "
                + tx.txId()
                + ": txid: "
                + tx.txId()
                + "(mychannel) exists");
    assertThat(tx.complete().response().getStatus()).isEqualTo(200);
  }

  @Test
  void aCallBackIntoAChaincodeAlreadyOnTheCallStackFails() throws Exception {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, caller, "caller", "f");
    caller.request(INVOKE_CHAINCODE, CHANNEL, tx.txId(), invoke("callee", "g"));
    ChaincodeMessage calleeTx = callee.expect(ChaincodeMessage.Type.TRANSACTION);
    ChaincodeMessage back =
        callee.call(INVOKE_CHAINCODE, CHANNEL, tx.txId(), invoke("caller", "h"));
    assertThat(back.getType()).isEqualTo(ChaincodeMessage.Type.ERROR);
    assertThat(back.getPayload().toStringUtf8()).contains("exists");
    callee.complete(calleeTx, ByteString.EMPTY);
    caller.expect(ChaincodeMessage.Type.RESPONSE);
    tx.complete();
  }

  @Test
  void onAnotherChannelTheCalleeReadsThatChannelAndItsWritesAreDiscardedWithAWarning()
      throws Exception {
    ListAppender<ILoggingEvent> logs = capture(InvokeRequests.class);
    ScriptedTransaction tx = ScriptedTransaction.start(peer, caller, "caller", "f");
    caller.request(INVOKE_CHAINCODE, CHANNEL, tx.txId(), invoke("callee/" + OTHER_CHANNEL, "g"));

    ChaincodeMessage calleeTx = callee.expect(ChaincodeMessage.Type.TRANSACTION);
    assertThat(calleeTx.getChannelId()).isEqualTo(OTHER_CHANNEL);
    assertThat(
            callee.call(GET_STATE, OTHER_CHANNEL, tx.txId(), get("k")).getPayload().toStringUtf8())
        .isEqualTo("there");
    callee.call(PUT_STATE, OTHER_CHANNEL, tx.txId(), put("lost", "x"));
    callee.complete(calleeTx, ByteString.EMPTY);
    ChaincodeMessage reply = caller.expect(ChaincodeMessage.Type.RESPONSE);
    assertThat(ChaincodeMessage.parseFrom(reply.getPayload()).getType())
        .isEqualTo(ChaincodeMessage.Type.COMPLETED);

    TxReadWriteSet rwSet = tx.complete().readWriteSet();
    assertThat(rwSet.getNsRwsetCount()).isZero();
    assertThat(logs.list)
        .anySatisfy(
            e ->
                assertThat(e.getFormattedMessage())
                    .contains("callee on channel otherchannel", "discarded"));
  }

  @Test
  void aCallToAnUnknownChannelOrAChaincodeThatIsNotRunningFailsTheRequest() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, caller, "caller", "f");
    assertThat(tx.error(INVOKE_CHAINCODE, invoke("callee/nochannel", "g")))
        .contains("failed to find ledger for channel: nochannel");
    assertThat(tx.error(INVOKE_CHAINCODE, invoke("ghost", "g")))
        .contains("chaincode ghost is not running");
    tx.complete();
  }

  private static ListAppender<ILoggingEvent> capture(Class<?> type) {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
    return appender;
  }

  private static ChaincodeSpec invoke(String name, String... args) {
    return ChaincodeSpec.newBuilder()
        .setChaincodeId(ChaincodeID.newBuilder().setName(name))
        .setInput(Proposals.input(args))
        .build();
  }

  private static GetState get(String key) {
    return GetState.newBuilder().setKey(key).build();
  }

  private static PutState put(String key, String value) {
    return PutState.newBuilder().setKey(key).setValue(utf8(value)).build();
  }

  private static ByteString utf8(String s) {
    return ByteString.copyFromUtf8(s);
  }
}
