package dev.weft.peer.ledger;

import static dev.weft.peer.testing.TestPeer.keys;
import static dev.weft.peer.testing.TestPeer.namespace;
import static dev.weft.peer.testing.TestPeer.writes;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.weft.peer.testing.LedgerBlocks;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.junit.jupiter.api.Test;

class LedgerCommitTest {

  private static final Timestamp NOW = Timestamp.newBuilder().setSeconds(1_700_000_000).build();
  private final Ledger ledger = Ledger.inMemory("ch", true);

  @Test
  void committedValuesCarryTheBlockAndTransactionNumberAsVersion() {
    LedgerBlocks.commit(
        ledger,
        4,
        List.of(
            new ValidTransaction(0, "t0", NOW, writes("cc", keys("a", "1"))),
            new ValidTransaction(2, "t2", NOW, writes("cc", keys("b", "2")))));
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      sim.getStateMultiple("cc", List.of("a", "b"));
      assertThat(namespace(sim.simulationResults(), "cc").getReadsList())
          .extracting(read -> read.getVersion())
          .containsExactly(new Height(4, 0).toProto(), new Height(4, 2).toProto());
    }
    assertThat(ledger.height()).contains(new Height(4, 2));
  }

  @Test
  void aValueWriteKeepsTheKeysMetadataAndADeleteDropsIt() {
    commit(1, writes("cc", keys("k", "v1", "gone", "x")));
    commit(2, metadata("cc", "k", "VALIDATION_PARAMETER", "policy"));
    commit(3, writes("cc", keys("k", "v2")));
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      assertThat(sim.getState("cc", "k").toStringUtf8()).isEqualTo("v2");
      assertThat(sim.getStateMetadata("cc", "k"))
          .containsExactly(Map.entry("VALIDATION_PARAMETER", ByteString.copyFromUtf8("policy")));
    }
    commit(4, writes("cc", keys("k", "")));
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      assertThat(sim.getState("cc", "k")).isEmpty();
      assertThat(sim.getStateMetadata("cc", "k")).isEmpty();
    }
  }

  @Test
  void metadataForAKeyThatDoesNotExistIsIgnored() {
    commit(1, metadata("cc", "nothing", "VALIDATION_PARAMETER", "p"));
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      assertThat(sim.getState("cc", "nothing")).isEmpty();
      assertThat(sim.getStateMetadata("cc", "nothing")).isEmpty();
    }
  }

  @Test
  void aMetadataWriteSeesAValueWrittenEarlierInTheSameBlock() {
    LedgerBlocks.commit(
        ledger,
        1,
        List.of(
            new ValidTransaction(0, "t0", NOW, writes("cc", keys("k", "v"))),
            new ValidTransaction(1, "t1", NOW, metadata("cc", "k", "m", "x"))));
    try (TxSimulator sim = ledger.newTxSimulator("t")) {
      assertThat(sim.getState("cc", "k").toStringUtf8()).isEqualTo("v");
      assertThat(sim.getStateMetadata("cc", "k")).containsKey("m");
    }
  }

  private void commit(long block, TxReadWriteSet rwSet) {
    LedgerBlocks.commit(ledger, block, List.of(new ValidTransaction(0, "t" + block, NOW, rwSet)));
  }

  private static TxReadWriteSet metadata(String ns, String key, String name, String value) {
    KVRWSet kv =
        KVRWSet.newBuilder()
            .addMetadataWrites(
                KVMetadataWrite.newBuilder()
                    .setKey(key)
                    .addEntries(
                        KVMetadataEntry.newBuilder()
                            .setName(name)
                            .setValue(ByteString.copyFromUtf8(value))))
            .build();
    return TxReadWriteSet.newBuilder()
        .addNsRwset(NsReadWriteSet.newBuilder().setNamespace(ns).setRwset(kv.toByteString()))
        .build();
  }
}
