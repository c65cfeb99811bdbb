package dev.weft.peer.chaincode;

import static dev.weft.peer.testing.TestPeer.CHANNEL;
import static dev.weft.peer.testing.TestPeer.keys;
import static dev.weft.peer.testing.TestPeer.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.DEL_STATE;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.GET_PRIVATE_DATA_HASH;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.GET_STATE;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.GET_STATE_BY_RANGE;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.GET_STATE_METADATA;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.GET_STATE_MULTIPLE;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.PURGE_PRIVATE_DATA;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.PUT_STATE;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.PUT_STATE_METADATA;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.WRITE_BATCH_STATE;

import com.google.protobuf.ByteString;
import dev.weft.peer.testing.ScriptedChaincode;
import dev.weft.peer.testing.ScriptedTransaction;
import dev.weft.peer.testing.TestPeer;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.GetStateMetadata;
import org.hyperledger.fabric.protos.peer.GetStateMultiple;
import org.hyperledger.fabric.protos.peer.GetStateMultipleResult;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.PutStateMetadata;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadataResult;
import org.hyperledger.fabric.protos.peer.WriteBatchState;
import org.hyperledger.fabric.protos.peer.WriteRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StateRequestsTest {

  private final TestPeer peer = TestPeer.start();
  private ScriptedChaincode cc;
  private long seedBlock;

  @BeforeEach
  void registerAndSeed() {
    cc = ScriptedChaincode.register(peer.chaincodeAddress(), "cc:1.0");
    seedBlock = peer.seed(CHANNEL, "cc", keys("a", "1", "b", "2"));
  }

  @AfterEach
  void stop() {
    cc.close();
    peer.close();
  }

  @Test
  void getStateReturnsTheCommittedValueOrEmptyAndRecordsBothReads() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    assertThat(tx.ok(GET_STATE, get("a")).toStringUtf8()).isEqualTo("1");
    assertThat(tx.ok(GET_STATE, get("missing"))).isEmpty();
    KVRWSet rwSet = namespace(tx.complete().readWriteSet(), "cc");
    assertThat(rwSet.getReadsList())
        .containsExactly(
            KVRead.newBuilder().setKey("a").setVersion(version(seedBlock, 0)).build(),
            KVRead.newBuilder().setKey("missing").build());
  }

  @Test
  void aGetAfterAPutInTheSameTransactionStillReturnsTheCommittedValue() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    tx.ok(PUT_STATE, put("a", "new"));
    assertThat(tx.ok(GET_STATE, get("a")).toStringUtf8()).isEqualTo("1");
    KVRWSet rwSet = namespace(tx.complete().readWriteSet(), "cc");
    assertThat(rwSet.getWritesList())
        .containsExactly(KVWrite.newBuilder().setKey("a").setValue(utf8("new")).build());
  }

  @Test
  void delStateAndAnEmptyPutAreRecordedAsDeletes() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    tx.ok(DEL_STATE, DelState.newBuilder().setKey("a").build());
    tx.ok(PUT_STATE, put("b", ""));
    KVRWSet rwSet = namespace(tx.complete().readWriteSet(), "cc");
    assertThat(rwSet.getWritesList())
        .containsExactly(
            KVWrite.newBuilder().setKey("a").setIsDelete(true).build(),
            KVWrite.newBuilder().setKey("b").setIsDelete(true).build());
  }

  @Test
  void getStateMultipleAnswersInKeyOrderWithEmptyValuesForMissingKeys() throws Exception {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    GetStateMultipleResult result =
        GetStateMultipleResult.parseFrom(
            tx.ok(
                GET_STATE_MULTIPLE,
                GetStateMultiple.newBuilder().addKeys("b").addKeys("none").addKeys("a").build()));
    assertThat(result.getValuesList()).containsExactly(utf8("2"), ByteString.EMPTY, utf8("1"));
    assertThat(namespace(tx.complete().readWriteSet(), "cc").getReadsList())
        .extracting(KVRead::getKey)
        .containsExactly("a", "b", "none");
  }

  @Test
  void getStateMultipleBeyondTheAnnouncedMaximumIsRefused() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    GetStateMultiple.Builder tooMany = GetStateMultiple.newBuilder();
    for (int i = 0; i < 1001; i++) {
      tooMany.addKeys("k" + i);
    }
    assertThat(tx.error(GET_STATE_MULTIPLE, tooMany.build()))
        .startsWith("GET_STATE_MULTIPLE failed: transaction ID: " + tx.txId() + ": ")
        .contains("1001 keys", "1000", "chaincode.runtimeParams.maxSizeGetMultipleKeys");
    assertThat(tx.complete().readWriteSet().getNsRwsetCount()).isZero();
  }

  @Test
  void aWriteBatchIsAppliedInOrderLikeTheSingleMessages() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    WriteBatchState batch =
        WriteBatchState.newBuilder()
            .addRec(record(WriteRecord.Type.PUT_STATE, "x", "first"))
            .addRec(record(WriteRecord.Type.PUT_STATE, "y", "y"))
            .addRec(record(WriteRecord.Type.PUT_STATE, "x", "last"))
            .addRec(WriteRecord.newBuilder().setType(WriteRecord.Type.DEL_STATE).setKey("a"))
            .addRec(
                WriteRecord.newBuilder()
                    .setType(WriteRecord.Type.PUT_STATE_METADATA)
                    .setKey("b")
                    .setMetadata(metadata("VALIDATION_PARAMETER", "policy")))
            .build();
    assertThat(tx.ok(WRITE_BATCH_STATE, batch)).isEmpty();
    KVRWSet rwSet = namespace(tx.complete().readWriteSet(), "cc");
    assertThat(rwSet.getWritesList())
        .containsExactly(
            KVWrite.newBuilder().setKey("a").setIsDelete(true).build(),
            KVWrite.newBuilder().setKey("x").setValue(utf8("last")).build(),
            KVWrite.newBuilder().setKey("y").setValue(utf8("y")).build());
    assertThat(rwSet.getMetadataWritesList())
        .containsExactly(
            KVMetadataWrite.newBuilder()
                .setKey("b")
                .addEntries(
                    KVMetadataEntry.newBuilder()
                        .setName("VALIDATION_PARAMETER")
                        .setValue(utf8("policy")))
                .build());
  }

  @Test
  void aBatchRecordOfUnknownTypeFailsTheRequestAndEarlierRecordsStayApplied() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    WriteBatchState batch =
        WriteBatchState.newBuilder()
            .addRec(record(WriteRecord.Type.PUT_STATE, "kept", "v"))
            .addRec(WriteRecord.newBuilder().setKey("bad"))
            .addRec(record(WriteRecord.Type.PUT_STATE, "never", "v"))
            .build();
    assertThat(tx.error(WRITE_BATCH_STATE, batch)).contains("unknown operation type");
    assertThat(namespace(tx.complete().readWriteSet(), "cc").getWritesList())
        .extracting(KVWrite::getKey)
        .containsExactly("kept");
  }

  @Test
  void aWriteBatchBeyondTheAnnouncedMaximumIsRefusedWhole() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    WriteBatchState.Builder batch = WriteBatchState.newBuilder();
    for (int i = 0; i < 1001; i++) {
      batch.addRec(record(WriteRecord.Type.PUT_STATE, "k" + i, "v"));
    }
    assertThat(tx.error(WRITE_BATCH_STATE, batch.build()))
        .contains("1001 records", "chaincode.runtimeParams.maxSizeWriteBatch");
    assertThat(tx.complete().readWriteSet().getNsRwsetCount()).isZero();
  }

  @Test
  void stateMetadataIsReadFromCommittedStateAndWrittenToTheReadWriteSet() throws Exception {
    ScriptedTransaction first = ScriptedTransaction.start(peer, cc, "cc", "f");
    first.ok(
        PUT_STATE_METADATA,
        PutStateMetadata.newBuilder()
            .setKey("a")
            .setMetadata(metadata("VALIDATION_PARAMETER", "p1"))
            .build());
    StateMetadataResult before =
        StateMetadataResult.parseFrom(
            first.ok(GET_STATE_METADATA, GetStateMetadata.newBuilder().setKey("a").build()));
    assertThat(before.getEntriesList()).isEmpty();
    peer.commit(CHANNEL, first.complete());

    ScriptedTransaction second = ScriptedTransaction.start(peer, cc, "cc", "f");
    StateMetadataResult after =
        StateMetadataResult.parseFrom(
            second.ok(GET_STATE_METADATA, GetStateMetadata.newBuilder().setKey("a").build()));
    assertThat(after.getEntriesList()).containsExactly(metadata("VALIDATION_PARAMETER", "p1"));
    assertThat(namespace(second.complete().readWriteSet(), "cc").getReadsList())
        .extracting(KVRead::getKey)
        .containsExactly("a");
  }

  @Test
  void putStateMetadataWithoutMetadataIsRefused() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    assertThat(tx.error(PUT_STATE_METADATA, PutStateMetadata.newBuilder().setKey("a").build()))
        .contains("carries no metadata");
    tx.complete();
  }

  @Test
  void privateDataRequestsAreRefusedWithAClearMessage() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    assertThat(
            tx.error(GET_STATE, GetState.newBuilder().setKey("a").setCollection("secret").build()))
        .contains("private data is not supported yet", "collection 'secret'");
    assertThat(
            tx.error(
                PUT_STATE,
                PutState.newBuilder()
                    .setKey("a")
                    .setValue(utf8("v"))
                    .setCollection("secret")
                    .build()))
        .contains("private data is not supported yet");
    assertThat(
            tx.error(
                GET_PRIVATE_DATA_HASH,
                GetState.newBuilder().setKey("a").setCollection("secret").build()))
        .contains("private data is not supported yet");
    assertThat(tx.error(PURGE_PRIVATE_DATA, DelState.newBuilder().setKey("a").build()))
        .contains("only applicable for private data");
    assertThat(tx.complete().readWriteSet().getNsRwsetCount()).isZero();
  }

  @Test
  void aMalformedPayloadIsAnsweredWithAnUnmarshalError() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    cc.send(
        ScriptedChaincode.message(
            GET_STATE, CHANNEL, tx.txId(), ByteString.copyFrom(new byte[] {(byte) 0xff})));
    ChaincodeMessage reply = cc.receive();
    assertThat(reply.getType()).isEqualTo(ChaincodeMessage.Type.ERROR);
    assertThat(reply.getPayload().toStringUtf8())
        .startsWith("GET_STATE failed: transaction ID: " + tx.txId() + ": unmarshal failed");
    tx.complete();
  }

  @Test
  void aRequestForAnUnknownTransactionGetsNoLedgerContext() {
    ChaincodeMessage reply = cc.call(GET_STATE, CHANNEL, "nosuchtx", get("a"));
    assertThat(reply.getType()).isEqualTo(ChaincodeMessage.Type.ERROR);
    assertThat(reply.getTxid()).isEqualTo("nosuchtx");
    assertThat(reply.getPayload().toStringUtf8())
        .startsWith("GET_STATE failed: transaction ID: nosuchtx: no ledger context")
        .contains("is not executing on channel 'mychannel'");
  }

  @Test
  void aWriteAfterAPaginatedQueryFailsAsInFabric() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    tx.ok(
        GET_STATE_BY_RANGE,
        GetStateByRange.newBuilder()
            .setMetadata(QueryMetadata.newBuilder().setPageSize(1).build().toByteString())
            .build());
    assertThat(tx.error(PUT_STATE, put("a", "x")))
        .contains(
            "txid ["
                + tx.txId()
                + "]: unsuppored transaction. Transaction has already performed a paginated"
                + " query. Writes are not allowed");
    tx.complete();
  }

  @Test
  void aReplyLargerThanTheSendLimitBecomesAnError() {
    peer.close();
    try (TestPeer small =
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
                        4096,
                        c.totalQueryLimit(),
                        c.runtimeParams()));
        ScriptedChaincode chaincode =
            ScriptedChaincode.register(small.chaincodeAddress(), "cc:1.0")) {
      small.seed(CHANNEL, "cc", keys("big", "x".repeat(5000)));
      ScriptedTransaction tx = ScriptedTransaction.start(small, chaincode, "cc", "f");
      assertThat(tx.error(GET_STATE, get("big")))
          .contains("above the 4096 bytes", "WEFT_CHAINCODE_MAXSENDMESSAGESIZE");
      assertThat(tx.ok(GET_STATE, get("missing"))).isEmpty();
      tx.complete();
    }
  }

  private static GetState get(String key) {
    return GetState.newBuilder().setKey(key).build();
  }

  private static PutState put(String key, String value) {
    return PutState.newBuilder().setKey(key).setValue(utf8(value)).build();
  }

  private static WriteRecord.Builder record(WriteRecord.Type type, String key, String value) {
    return WriteRecord.newBuilder().setType(type).setKey(key).setValue(utf8(value));
  }

  private static StateMetadata metadata(String key, String value) {
    return StateMetadata.newBuilder().setMetakey(key).setValue(utf8(value)).build();
  }

  private static Version version(long block, long tx) {
    return Version.newBuilder().setBlockNum(block).setTxNum(tx).build();
  }

  private static ByteString utf8(String s) {
    return ByteString.copyFromUtf8(s);
  }
}
