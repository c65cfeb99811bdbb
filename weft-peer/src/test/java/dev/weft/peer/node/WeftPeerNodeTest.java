package dev.weft.peer.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.weft.peer.ledger.TxSimulator;
import dev.weft.peer.testing.TestNode;
import dev.weft.peer.testing.TransactionEnvelopes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeftPeerNodeTest {

  @TempDir Path directory;

  @Test
  void theFirstStartCreatesIdentityAndChannelAndLaterStartsKeepThem() throws Exception {
    Path data = directory.resolve("data");
    byte[] identity;
    try (TestNode node = TestNode.start(data)) {
      assertThat(node.peer().channels().ids()).containsExactly("mychannel");
      assertThat(node.peer().ledgers().get("mychannel")).isPresent();
      assertThat(node.peer().identity().mspId()).isEqualTo("Org1MSP");
      assertThat(node.peer().identity().identity().organizationalUnits()).containsExactly("peer");
      assertThat(data.resolve("channels/mychannel.block")).isRegularFile();
      assertThat(node.peer().peerAddress().getPort()).isPositive();
      identity = node.peer().identity().serialized().toByteArray();
    }
    byte[] block = Files.readAllBytes(data.resolve("channels/mychannel.block"));
    try (TestNode again = TestNode.start(data)) {
      assertThat(again.peer().identity().serialized().toByteArray()).isEqualTo(identity);
      assertThat(again.peer().channels().ids()).containsExactly("mychannel");
    }
    assertThat(Files.readAllBytes(data.resolve("channels/mychannel.block"))).isEqualTo(block);
  }

  @Test
  void committedBlocksSurviveARestartTheStateIsRebuiltAndNewBlocksFollowOn() throws Exception {
    Path data = directory.resolve("restart");
    String first;
    try (TestNode node = TestNode.start(data)) {
      first = commitWrite(node, "k", "v1");
      assertThat(node.ledger().height().orElseThrow().blockNum()).isEqualTo(1);
    }
    try (TestNode again = TestNode.start(data)) {
      assertThat(again.ledger().containsTransaction(first)).isTrue();
      try (TxSimulator sim = again.ledger().newTxSimulator("read")) {
        assertThat(sim.getState("cc", "k").toStringUtf8()).isEqualTo("v1");
      }
      commitWrite(again, "k", "v2");
      assertThat(again.ledger().height().orElseThrow().blockNum()).isEqualTo(2);
    }
  }

  /** Broadcasts an endorsed write and waits until it is committed; returns its txid. */
  private static String commitWrite(TestNode node, String key, String value) throws Exception {
    TxReadWriteSet write;
    try (TxSimulator sim = node.ledger().newTxSimulator("w")) {
      sim.setState("cc", key, ByteString.copyFromUtf8(value));
      write = sim.simulationResults();
    }
    TransactionEnvelopes.Built tx =
        TransactionEnvelopes.build(
            new TransactionEnvelopes.Spec(
                node.org().user(),
                TestNode.CHANNEL,
                "cc",
                "1.0",
                write,
                List.of(node.peer().identity())));
    assertThat(node.broadcast(tx.envelope()).get(10, TimeUnit.SECONDS).getStatus())
        .isEqualTo(Status.SUCCESS);
    Instant deadline = Instant.now().plusSeconds(10);
    while (!node.ledger().containsTransaction(tx.txId())) {
      assertThat(Instant.now()).as("committed within 10 s").isBefore(deadline);
      Thread.sleep(5);
    }
    return tx.txId();
  }

  @Test
  void cryptoGenerateWritesAnOrganizationInCryptogensLayout() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        CryptoCommand.run(
            new String[] {
              "generate",
              "--output",
              directory.toString(),
              "--org",
              "org2.example.com",
              "--users",
              "2"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isZero();
    Path org = directory.resolve("peerOrganizations/org2.example.com");
    assertThat(out.toString(StandardCharsets.UTF_8).trim()).isEqualTo(org.toString());
    assertThat(
            org.resolve(
                "peers/peer0.org2.example.com/msp/signcerts/peer0.org2.example.com-cert.pem"))
        .isRegularFile();
    assertThat(org.resolve("users/User2@org2.example.com/msp/keystore/priv_sk")).isRegularFile();
    assertThat(org.resolve("users/Admin@org2.example.com/tls/client.key")).isRegularFile();
  }

  @Test
  void cryptoGenerateWithMissingOrUnknownOptionsPrintsUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(CryptoCommand.run(new String[] {"generate", "--org", "x.com"}, out, errStream))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--output and --org are required");
    assertThat(CryptoCommand.run(new String[] {"generate", "--colour", "red"}, out, errStream))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --colour");
    assertThat(CryptoCommand.run(new String[] {"destroy"}, out, errStream)).isEqualTo(2);
    assertThat(directory).isEmptyDirectory();
  }
}
