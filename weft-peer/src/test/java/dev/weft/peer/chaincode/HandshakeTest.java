package dev.weft.peer.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.peer.config.RuntimeParams;
import dev.weft.peer.testing.ScriptedChaincode;
import dev.weft.peer.testing.TestPeer;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeAdditionalParams;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.GetState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandshakeTest {

  private TestPeer peer = TestPeer.start();

  @AfterEach
  void stopPeer() {
    peer.close();
  }

  @Test
  void registerIsAnsweredWithRegisteredThenReadyCarryingFabricsBatchingDefaults() {
    try (ScriptedChaincode cc = ScriptedChaincode.register(peer.chaincodeAddress(), "cc:1.0")) {
      assertThat(cc.readyPayload())
          .isEqualTo(
              ChaincodeAdditionalParams.newBuilder()
                  .setUseWriteBatch(true)
                  .setMaxSizeWriteBatch(1000)
                  .setUseGetMultipleKeys(true)
                  .setMaxSizeGetMultipleKeys(1000)
                  .build());
      assertThat(peer.chaincodeSupport().registeredChaincodes()).containsExactly("cc:1.0");
    }
  }

  @Test
  void readyAnnouncesTheConfiguredBatchingParameters() {
    peer.close();
    peer =
        TestPeer.start(
            c ->
                new dev.weft.peer.config.ChaincodeConfig(
                    c.listenAddress(),
                    c.executeTimeout(),
                    c.keepalive(),
                    c.pingInterval(),
                    c.pingTimeout(),
                    c.minClientPingInterval(),
                    c.maxRecvMessageSize(),
                    c.maxSendMessageSize(),
                    c.totalQueryLimit(),
                    new RuntimeParams(false, 250, true, 300)));
    try (ScriptedChaincode cc = ScriptedChaincode.register(peer.chaincodeAddress(), "cc:1.0")) {
      assertThat(cc.readyPayload().getUseWriteBatch()).isFalse();
      assertThat(cc.readyPayload().getMaxSizeWriteBatch()).isEqualTo(250);
      assertThat(cc.readyPayload().getMaxSizeGetMultipleKeys()).isEqualTo(300);
    }
  }

  @Test
  void aRequestBeforeRegisterGetsAnErrorAndEndsTheStream() {
    try (ScriptedChaincode cc = ScriptedChaincode.connect(peer.chaincodeAddress())) {
      cc.request(
          ChaincodeMessage.Type.GET_STATE, "mychannel", "tx1", GetState.getDefaultInstance());
      ChaincodeMessage error = cc.expect(ChaincodeMessage.Type.ERROR);
      assertThat(error.getPayload().toStringUtf8())
          .contains("cannot handle a GET_STATE message", "created state");
      assertThat(error.getTxid()).isEqualTo("tx1");
      assertThat(cc.awaitClose().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    }
  }

  @Test
  void aSecondRegisterOnAReadyStreamGetsAnErrorAndEndsTheStream() {
    try (ScriptedChaincode cc = ScriptedChaincode.register(peer.chaincodeAddress(), "cc:1.0")) {
      cc.sendRegister("cc:1.0");
      assertThat(cc.expect(ChaincodeMessage.Type.ERROR).getPayload().toStringUtf8())
          .contains("cannot handle a REGISTER message", "ready state");
      assertThat(cc.awaitClose().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      awaitDeregistered("cc:1.0");
    }
  }

  @Test
  void aPeerMessageTypeSentByTheChaincodeEndsTheStream() {
    try (ScriptedChaincode cc = ScriptedChaincode.register(peer.chaincodeAddress(), "cc:1.0")) {
      cc.send(
          ScriptedChaincode.message(
              ChaincodeMessage.Type.TRANSACTION,
              "mychannel",
              "tx",
              com.google.protobuf.ByteString.EMPTY));
      assertThat(cc.expect(ChaincodeMessage.Type.ERROR).getPayload().toStringUtf8())
          .contains("TRANSACTION");
      assertThat(cc.awaitClose().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    }
  }

  @Test
  void aSecondChaincodeWithTheSameIdIsRefusedAndTheFirstStaysRegistered() {
    try (ScriptedChaincode first = ScriptedChaincode.register(peer.chaincodeAddress(), "cc:1.0");
        ScriptedChaincode second = ScriptedChaincode.connect(peer.chaincodeAddress())) {
      second.sendRegister("cc:1.0");
      assertThat(second.expect(ChaincodeMessage.Type.ERROR).getPayload().toStringUtf8())
          .contains("duplicate chaincodeID cc:1.0");
      assertThat(second.awaitClose().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(peer.chaincodeSupport().registeredChaincodes()).containsExactly("cc:1.0");
      assertThat(first.isClosed()).isFalse();
    }
  }

  @Test
  void anEmptyChaincodeNameIsRefused() {
    try (ScriptedChaincode cc = ScriptedChaincode.connect(peer.chaincodeAddress())) {
      cc.sendRegister("");
      assertThat(cc.expect(ChaincodeMessage.Type.ERROR).getPayload().toStringUtf8())
          .contains("chaincodeID name is empty", "CORE_CHAINCODE_ID_NAME");
      assertThat(cc.awaitClose().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    }
  }

  @Test
  void keepalivesFromTheChaincodeAreIgnoredBeforeAndAfterRegistration() throws Exception {
    try (ScriptedChaincode cc = ScriptedChaincode.connect(peer.chaincodeAddress())) {
      // Each keepalive gets no answer: the next message the chaincode receives is the answer to
      // what it sends next (expect fails on any other).
      cc.send(keepalive());
      cc.sendRegister("cc:1.0");
      cc.expect(ChaincodeMessage.Type.REGISTERED);
      cc.expect(ChaincodeMessage.Type.READY);
      cc.send(keepalive());
      ChaincodeMessage reply =
          cc.call(
              ChaincodeMessage.Type.GET_STATE,
              "mychannel",
              "no-such-transaction",
              org.hyperledger.fabric.protos.peer.GetState.newBuilder().setKey("k").build());
      assertThat(reply.getType()).isEqualTo(ChaincodeMessage.Type.ERROR);
      assertThat(reply.getTxid()).isEqualTo("no-such-transaction");
      assertThat(cc.isClosed()).isFalse();
    }
  }

  @Test
  void thePeerSendsKeepalivesWhenConfigured() {
    peer.close();
    peer =
        TestPeer.start(
            c ->
                new dev.weft.peer.config.ChaincodeConfig(
                    c.listenAddress(),
                    c.executeTimeout(),
                    Duration.ofMillis(200),
                    c.pingInterval(),
                    c.pingTimeout(),
                    c.minClientPingInterval(),
                    c.maxRecvMessageSize(),
                    c.maxSendMessageSize(),
                    c.totalQueryLimit(),
                    c.runtimeParams()));
    try (ScriptedChaincode cc = ScriptedChaincode.register(peer.chaincodeAddress(), "cc:1.0")) {
      assertThat(cc.receive().getType()).isEqualTo(ChaincodeMessage.Type.KEEPALIVE);
      assertThat(cc.receive().getType()).isEqualTo(ChaincodeMessage.Type.KEEPALIVE);
    }
  }

  @Test
  void aMalformedFrameGetsAnErrorAndTheStreamCarriesOn() throws Exception {
    try (ScriptedChaincode cc = ScriptedChaincode.register(peer.chaincodeAddress(), "cc:1.0")) {
      cc.sendFrame(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
      ChaincodeMessage error = cc.expect(ChaincodeMessage.Type.ERROR);
      assertThat(error.getPayload().toStringUtf8()).startsWith("malformed ChaincodeMessage");

      TestPeer.Execution execution = peer.execute("cc", "f");
      ChaincodeMessage tx = cc.expect(ChaincodeMessage.Type.TRANSACTION);
      cc.complete(tx, com.google.protobuf.ByteString.copyFromUtf8("fine"));
      assertThat(
              execution.result().get(10, TimeUnit.SECONDS).response().getPayload().toStringUtf8())
          .isEqualTo("fine");
    }
  }

  @Test
  void aChaincodeThatDisconnectsIsDeregisteredAndCanRegisterAgain() {
    try (ScriptedChaincode cc = ScriptedChaincode.register(peer.chaincodeAddress(), "cc:1.0")) {
      cc.disconnect();
    }
    awaitDeregistered("cc:1.0");
    try (ScriptedChaincode again = ScriptedChaincode.register(peer.chaincodeAddress(), "cc:1.0")) {
      assertThat(again.readyPayload().getUseWriteBatch()).isTrue();
      assertThat(peer.chaincodeSupport().registeredChaincodes()).containsExactly("cc:1.0");
    }
  }

  private void awaitDeregistered(String chaincodeId) {
    for (int i = 0;
        i < 200 && peer.chaincodeSupport().registeredChaincodes().contains(chaincodeId);
        i++) {
      sleep(25);
    }
    assertThat(peer.chaincodeSupport().registeredChaincodes()).doesNotContain(chaincodeId);
  }

  private static ChaincodeMessage keepalive() {
    return ChaincodeMessage.newBuilder().setType(ChaincodeMessage.Type.KEEPALIVE).build();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
