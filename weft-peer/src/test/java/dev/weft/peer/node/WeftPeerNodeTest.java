package dev.weft.peer.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.peer.ledger.TxSimulator;
import dev.weft.peer.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
      first = node.commitWrite("k", "v1");
      assertThat(node.ledger().height().orElseThrow().blockNum()).isEqualTo(1);
    }
    try (TestNode again = TestNode.start(data)) {
      assertThat(again.ledger().containsTransaction(first)).isTrue();
      try (TxSimulator sim = again.ledger().newTxSimulator("read")) {
        assertThat(sim.getState("cc", "k").toStringUtf8()).isEqualTo("v1");
      }
      again.commitWrite("k", "v2");
      assertThat(again.ledger().height().orElseThrow().blockNum()).isEqualTo(2);
    }
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
