package dev.weft.peer.ordering;

import static dev.weft.peer.testing.TestNode.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.weft.peer.msp.SigningIdentity;
import dev.weft.peer.testing.TestNode;
import dev.weft.peer.testing.TestOrg;
import dev.weft.peer.testing.TransactionEnvelopes;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.ConfigUpdate;
import org.hyperledger.fabric.protos.common.ConfigUpdateEnvelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the embedded orderer's Broadcast takes by an envelope's header type, as Fabric's orderer
 * classifies it: configuration changes are refused (Weft cannot apply them yet), every type Fabric
 * orders as a normal message is accepted.
 */
class BroadcastServiceTest {

  @TempDir static Path directory;
  private static TestNode node;
  private static SigningIdentity user;

  @BeforeAll
  static void start() {
    node = TestNode.start(directory.resolve("peer"));
    user = node.org().user();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void aConfigurationUpdateIsABadRequestThatSaysWeftCannotApplyItYet() throws Exception {
    BroadcastResponse answer =
        broadcast(
            TransactionEnvelopes.signed(
                user, CHANNEL, HeaderType.CONFIG_UPDATE_VALUE, configUpdate()));

    assertThat(answer.getStatus()).isEqualTo(Status.BAD_REQUEST);
    assertThat(answer.getInfo())
        .contains("CONFIG_UPDATE for channel " + CHANNEL)
        .contains("configuration updates are not supported by Weft's embedded orderer yet")
        .doesNotContain("\n");
  }

  @Test
  void aConfigurationUpdateFromSomeoneTheWritersPolicyRefusesIsForbiddenFirst() throws Exception {
    SigningIdentity stranger =
        TestOrg.generate(directory.resolve("stranger"), "org9.example.com", "Org9MSP").user();

    assertThat(
            broadcast(
                    TransactionEnvelopes.signed(
                        stranger, CHANNEL, HeaderType.CONFIG_UPDATE_VALUE, configUpdate()))
                .getStatus())
        .isEqualTo(Status.FORBIDDEN);
  }

  @Test
  @SuppressWarnings("deprecation") // ORDERER_TRANSACTION: the deprecated type under test
  void wholeConfigurationsAndOrdererTransactionsAreBadRequestsAsInFabric() throws Exception {
    BroadcastResponse config =
        broadcast(
            TransactionEnvelopes.signed(user, CHANNEL, HeaderType.CONFIG_VALUE, ByteString.EMPTY));
    BroadcastResponse ordererTransaction =
        broadcast(
            TransactionEnvelopes.signed(
                user, CHANNEL, HeaderType.ORDERER_TRANSACTION_VALUE, ByteString.EMPTY));

    assertThat(config.getStatus()).isEqualTo(Status.BAD_REQUEST);
    assertThat(config.getInfo())
        .contains("CONFIG envelope for channel " + CHANNEL)
        .contains("configuration updates are not supported by Weft's embedded orderer yet");
    assertThat(ordererTransaction.getStatus()).isEqualTo(Status.BAD_REQUEST);
    assertThat(ordererTransaction.getInfo()).contains("no longer supported");
  }

  @Test
  void typesFabricOrdersAsNormalMessagesAreAccepted() throws Exception {
    assertThat(
            broadcast(
                    TransactionEnvelopes.signed(
                        user, CHANNEL, HeaderType.MESSAGE_VALUE, ByteString.copyFromUtf8("hi")))
                .getStatus())
        .isEqualTo(Status.SUCCESS);
    assertThat(
            broadcast(
                    TransactionEnvelopes.signed(
                        user, CHANNEL, HeaderType.CHAINCODE_PACKAGE_VALUE, ByteString.EMPTY))
                .getStatus())
        .isEqualTo(Status.SUCCESS);
  }

  private static BroadcastResponse broadcast(org.hyperledger.fabric.protos.common.Envelope envelope)
      throws Exception {
    return node.broadcast(envelope).get(10, TimeUnit.SECONDS);
  }

  /** A configuration update as a client sends one: a ConfigUpdateEnvelope for the channel. */
  private static ByteString configUpdate() {
    return ConfigUpdateEnvelope.newBuilder()
        .setConfigUpdate(ConfigUpdate.newBuilder().setChannelId(CHANNEL).build().toByteString())
        .build()
        .toByteString();
  }
}
