package dev.weft.shim;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChaincodeHandlerTest {

  private final ShimFixture shim = ShimFixture.withoutBatching();
  private final ScriptedPeer peer = shim.peer;

  @AfterEach
  void close() {
    shim.close();
  }

  @Test
  void anExceptionFromInvokeBecomesAnErrorAndTheStreamCarriesOn() {
    shim.onInvoke(
        stub -> {
          if (stub.getFunction().equals("boom")) {
            throw new IllegalStateException("asset 7 is locked");
          }
          return Response.success("fine");
        });
    peer.startTransaction("tx1", "boom");
    ChaincodeMessage error = peer.receive(Type.ERROR);
    assertThat(error.getTxid()).isEqualTo("tx1");
    assertThat(error.getPayload().toStringUtf8()).isEqualTo("asset 7 is locked");
    peer.startTransaction("tx2", "ok");
    assertThat(peer.completed("tx2").getPayload().toStringUtf8()).isEqualTo("fine");
  }

  @Test
  void transactionsRunConcurrentlyAndEachGetsItsOwnReply() {
    shim.onInvoke(stub -> Response.success(stub.getState("k")));
    peer.startTransaction("tx1", "get");
    peer.startTransaction("tx2", "get");
    ChaincodeMessage a = peer.receive(Type.GET_STATE);
    ChaincodeMessage b = peer.receive(Type.GET_STATE);
    // Answer in the opposite order: each reply must reach its own transaction.
    peer.respond(b, ByteString.copyFromUtf8("for " + b.getTxid()));
    peer.respond(a, ByteString.copyFromUtf8("for " + a.getTxid()));
    ChaincodeMessage first = peer.receive(Type.COMPLETED);
    ChaincodeMessage second = peer.receive(Type.COMPLETED);
    for (ChaincodeMessage completed : new ChaincodeMessage[] {first, second}) {
      assertThat(
              ChaincodeMessages.parse(
                      org.hyperledger.fabric.protos.peer.Response.parser(), completed.getPayload())
                  .getPayload()
                  .toStringUtf8())
          .isEqualTo("for " + completed.getTxid());
    }
  }

  @Test
  void manyTransactionsInFlightAreNeverRejected() {
    shim.onInvoke(stub -> Response.success(stub.getState("k")));
    int count = 50;
    for (int i = 0; i < count; i++) {
      peer.startTransaction("tx" + i, "get");
    }
    int completed = 0;
    for (int i = 0; i < 2 * count; i++) {
      ChaincodeMessage message = peer.receive();
      if (message.getType() == Type.GET_STATE) {
        peer.respond(message, ByteString.copyFromUtf8(message.getTxid()));
      } else if (message.getType() == Type.COMPLETED) {
        completed++;
      }
    }
    assertThat(completed).isEqualTo(count);
  }

  @Test
  void anUnknownMessageTypeGetsAnErrorForItsTransactionOnly() {
    peer.send(
        ChaincodeMessage.newBuilder()
            .setType(Type.GET_STATE)
            .setChannelId(ScriptedPeer.CHANNEL)
            .setTxid("odd")
            .build());
    ChaincodeMessage error = peer.receive(Type.ERROR);
    assertThat(error.getTxid()).isEqualTo("odd");
    assertThat(error.getPayload().toStringUtf8()).contains("cannot handle a GET_STATE");
    shim.onInvoke(stub -> Response.success("still here"));
    peer.startTransaction("tx1", "ok");
    assertThat(peer.completed("tx1").getPayload().toStringUtf8()).isEqualTo("still here");
  }

  @Test
  void aResponseForAnUnknownTransactionIsDroppedAndOthersCarryOn() {
    shim.onInvoke(stub -> Response.success(stub.getState("k")));
    peer.startTransaction("tx1", "get");
    ChaincodeMessage get = peer.receive(Type.GET_STATE);
    peer.send(
        ChaincodeMessage.newBuilder()
            .setType(Type.RESPONSE)
            .setChannelId(ScriptedPeer.CHANNEL)
            .setTxid("nobody")
            .build());
    peer.expectSilence(200);
    peer.respond(get, ByteString.copyFromUtf8("v"));
    assertThat(peer.completed("tx1").getPayload().toStringUtf8()).isEqualTo("v");
  }

  @Test
  void keepaliveIsAnsweredInKind() {
    peer.send(ChaincodeMessage.newBuilder().setType(Type.KEEPALIVE).build());
    assertThat(peer.receive().getType()).isEqualTo(Type.KEEPALIVE);
  }

  @Test
  void whenThePeerHangsUpMidTransactionTheWaitingCallFailsAndTheShimTerminates() throws Exception {
    java.util.concurrent.CompletableFuture<String> seen =
        new java.util.concurrent.CompletableFuture<>();
    shim.onInvoke(
        stub -> {
          try {
            stub.getState("k");
            seen.complete("no failure");
          } catch (ChaincodeException e) {
            seen.complete(e.getMessage());
          }
          return Response.success();
        });
    peer.startTransaction("tx1", "get");
    peer.receive(Type.GET_STATE);
    peer.hangUp();
    assertThat(seen.get(10, TimeUnit.SECONDS)).contains("the peer closed the stream");
    assertThat(shim.runtime.terminated())
        .failsWithin(10, TimeUnit.SECONDS)
        .withThrowableThat()
        .withMessageContaining("the peer closed the stream");
  }
}
