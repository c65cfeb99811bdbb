package dev.weft.peer.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.peer.ledger.TxSimulator;
import dev.weft.peer.testing.TestNode;
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
}
