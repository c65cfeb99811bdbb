package dev.weft.interop;

import static dev.weft.peer.testing.TestPeer.CHANNEL;
import static dev.weft.peer.testing.TestPeer.OTHER_CHANNEL;
import static dev.weft.peer.testing.TestPeer.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.chaincode.ChaincodeException;
import dev.weft.peer.chaincode.ExecutionResult;
import dev.weft.peer.testing.Proposals;
import dev.weft.peer.testing.TestPeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The interop chaincode (see CHAINCODE.md) on each shim against a Weft peer, started as a separate
 * process: it exercises every stub call the peer serves today; each test checks the chaincode's
 * response and the exact read-write set the peer recorded.
 *
 * <p>One peer and two chaincode processes serve all tests of a class; each test uses keys of its
 * own, so tests do not see each other's state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ShimInteropTest {

  static final String CC = "interop";
  static final String SECOND_CC = "interop2";
  private static final Duration EXECUTE_TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestPeer peer;
  private ChaincodeProcess chaincode;
  private ChaincodeProcess second;

  /** The shim the chaincode under test is built on. */
  abstract InteropShim shim();

  /**
   * Whether the shim passes the peer's ERROR text on to the chaincode. Fabric's Node shim does;
   * Fabric's Java shim 2.5 replaces it with "Unsuccessful response received".
   */
  abstract boolean shimReportsPeerErrorText();

  /**
   * Whether the shim answers ERROR when Invoke throws. Fabric's Java shim does; Fabric's Node shim
   * 2.5 leaves the rejected promise unhandled and never answers, so the peer's execute timeout ends
   * the transaction.
   */
  abstract boolean shimAnswersErrorWhenInvokeThrows();

  @BeforeAll
  void startPeerAndChaincode() {
    peer = TestPeer.start(c -> c.withExecuteTimeout(EXECUTE_TIMEOUT));
    chaincode = shim().start(peer, CC + ":1.0");
    second = shim().start(peer, SECOND_CC + ":1.0");
  }

  @AfterAll
  void stop() {
    for (AutoCloseable resource : new AutoCloseable[] {second, chaincode, peer}) {
      try {
        if (resource != null) {
          resource.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  @Test
  void getStateReturnsTheCommittedValueAndTheReadIsRecordedWithItsVersion() {
    long block = peer.seed(CHANNEL, CC, keys("get/a", "1"));
    ExecutionResult result = invoke("get", "get/a");
    assertThat(payload(result)).isEqualTo("1");
    assertThat(namespaces(result))
        .isEqualTo(Map.of(CC, KVRWSet.newBuilder().addReads(read("get/a", block, 0)).build()));
  }

  @Test
  void aMissingKeyReadsAsEmptyAndIsRecordedWithoutVersion() {
    ExecutionResult result = invoke("get", "missing/a");
    assertThat(payload(result)).isEmpty();
    assertThat(namespaces(result))
        .isEqualTo(
            Map.of(
                CC,
                KVRWSet.newBuilder().addReads(KVRead.newBuilder().setKey("missing/a")).build()));
  }

  @Test
  void aTransactionDoesNotSeeItsOwnWrite() {
    long block = peer.seed(CHANNEL, CC, keys("ryw/a", "old"));
    ExecutionResult result = invoke("putGet", "ryw/a", "new");
    assertThat(payload(result)).isEqualTo("old");
    assertThat(namespaces(result))
        .isEqualTo(
            Map.of(
                CC,
                KVRWSet.newBuilder()
                    .addReads(read("ryw/a", block, 0))
                    .addWrites(write("ryw/a", "new"))
                    .build()));
  }

  @Test
  void putAndDeleteAreRecordedAsWritesAndBecomeStateWhenCommitted() {
    ExecutionResult put = invoke("put", "pd/a", "value");
    assertThat(namespaces(put))
        .isEqualTo(Map.of(CC, KVRWSet.newBuilder().addWrites(write("pd/a", "value")).build()));
    peer.commit(CHANNEL, put);
    assertThat(payload(invoke("get", "pd/a"))).isEqualTo("value");

    ExecutionResult del = invoke("del", "pd/a");
    assertThat(namespaces(del))
        .isEqualTo(
            Map.of(
                CC,
                KVRWSet.newBuilder()
                    .addWrites(KVWrite.newBuilder().setKey("pd/a").setIsDelete(true))
                    .build()));
    peer.commit(CHANNEL, del);
    assertThat(payload(invoke("get", "pd/a"))).isEmpty();
  }

  @Test
  void aRangeQueryReturnsKeysInOrderAndRecordsTheRangeWithItsReads() throws IOException {
    long block = peer.seed(CHANNEL, CC, keys("range/c", "3", "range/a", "1", "range/b", "2"));
    ExecutionResult result = invoke("range", "range/a", "range/c");
    assertThat(json(result))
        .isEqualTo(
            JSON.readTree(
                "[{\"key\":\"range/a\",\"value\":\"1\"},{\"key\":\"range/b\",\"value\":\"2\"}]"));
    assertThat(namespaces(result))
        .isEqualTo(
            Map.of(
                CC,
                KVRWSet.newBuilder()
                    .addRangeQueriesInfo(
                        RangeQueryInfo.newBuilder()
                            .setStartKey("range/a")
                            .setEndKey("range/c")
                            .setItrExhausted(true)
                            .setRawReads(
                                QueryReads.newBuilder()
                                    .addKvReads(read("range/a", block, 0))
                                    .addKvReads(read("range/b", block, 0))))
                    .build()));
  }

  @Test
  void aRangeOfMoreThanAHundredKeysIsReadThroughQueryStateNext() {
    Map<String, String> values = new LinkedHashMap<>();
    IntStream.range(0, 250).forEach(i -> values.put(String.format("big/k%03d", i), "v" + i));
    peer.seed(CHANNEL, CC, values);
    ExecutionResult result = invoke("range", "big/", "big/~");
    JsonNode results = json(result);
    assertThat(results).hasSize(250);
    assertThat(results.get(0).get("key").asText()).isEqualTo("big/k000");
    assertThat(results.get(249).get("key").asText()).isEqualTo("big/k249");
    RangeQueryInfo info = namespaces(result).get(CC).getRangeQueriesInfo(0);
    assertThat(info.getItrExhausted()).isTrue();
    assertThat(info.getEndKey()).isEqualTo("big/~");
    assertThat(info.getReadsMerkleHashes().getMaxLevel()).isEqualTo(1);
    assertThat(info.getReadsMerkleHashes().getMaxLevelHashesCount()).isEqualTo(5);
  }

  @Test
  void closingARangeEarlyRecordsWhatThePeerHadAlreadyRead() {
    Map<String, String> values = new LinkedHashMap<>();
    IntStream.range(0, 150).forEach(i -> values.put(String.format("early/k%03d", i), "v"));
    peer.seed(CHANNEL, CC, values);
    ExecutionResult result = invoke("rangeFirst", "early/", "early/~", "3");
    assertThat(json(result))
        .extracting(JsonNode::asText)
        .containsExactly("early/k000", "early/k001", "early/k002");
    RangeQueryInfo info = namespaces(result).get(CC).getRangeQueriesInfo(0);
    // The first batch is 100 results, and the peer had pulled the 101st before answering.
    assertThat(info.getItrExhausted()).isFalse();
    assertThat(info.getEndKey()).isEqualTo("early/k100");
    assertThat(info.getReadsMerkleHashes().getMaxLevelHashesCount()).isEqualTo(2);
  }

  @Test
  void paginatedRangesReturnPagesWithBookmarks() {
    long block =
        peer.seed(CHANNEL, CC, keys("page/a", "1", "page/b", "2", "page/c", "3", "page/d", "4"));
    ExecutionResult first = invoke("rangePage", "page/a", "page/z", "3", "");
    JsonNode page1 = json(first);
    assertThat(page1.get("results"))
        .extracting(r -> r.get("key").asText())
        .containsExactly("page/a", "page/b", "page/c");
    assertThat(page1.get("fetchedRecordsCount").asInt()).isEqualTo(3);
    assertThat(page1.get("bookmark").asText()).isEqualTo("page/d");
    assertThat(namespaces(first).get(CC).getRangeQueriesInfoList())
        .containsExactly(
            RangeQueryInfo.newBuilder()
                .setStartKey("page/a")
                .setEndKey("page/c")
                .setRawReads(
                    QueryReads.newBuilder()
                        .addKvReads(read("page/a", block, 0))
                        .addKvReads(read("page/b", block, 0))
                        .addKvReads(read("page/c", block, 0)))
                .build());

    JsonNode page2 = json(invoke("rangePage", "page/a", "page/z", "3", "page/d"));
    assertThat(page2.get("results"))
        .extracting(r -> r.get("key").asText())
        .containsExactly("page/d");
    assertThat(page2.get("fetchedRecordsCount").asInt()).isEqualTo(1);
    assertThat(page2.get("bookmark").asText()).isEmpty();
  }

  @Test
  void compositeKeysUseFabricsEncodingAndPartialKeyQueriesFindThem() throws IOException {
    assertThat(payload(invoke("composite", "color", "blue", "1")))
        .isEqualTo("\u0000color\u0000blue\u00001\u0000");
    peer.commit(CHANNEL, invoke("putComposite", "b1", "color", "blue", "1"));
    peer.commit(CHANNEL, invoke("putComposite", "b2", "color", "blue", "2"));
    peer.commit(CHANNEL, invoke("putComposite", "r1", "color", "red", "1"));
    peer.commit(CHANNEL, invoke("putComposite", "x", "color", "bluer", "1"));

    ExecutionResult result = invoke("partial", "color", "blue");
    assertThat(json(result))
        .isEqualTo(
            JSON.readTree(
                "[{\"objectType\":\"color\",\"attributes\":[\"blue\",\"1\"],\"value\":\"b1\"},"
                    + "{\"objectType\":\"color\",\"attributes\":[\"blue\",\"2\"],\"value\":\"b2\"}]"));
    RangeQueryInfo info = namespaces(result).get(CC).getRangeQueriesInfo(0);
    assertThat(info.getStartKey()).isEqualTo("\u0000color\u0000blue\u0000");
    assertThat(info.getEndKey()).isEqualTo("\u0000color\u0000blue\u0000\uDBFF\uDFFF");
    assertThat(info.getItrExhausted()).isTrue();

    JsonNode page = json(invoke("partialPage", "1", "", "color", "blue"));
    assertThat(page.get("results")).hasSize(1);
    assertThat(page.get("bookmark").asText()).isEqualTo("\u0000color\u0000blue\u00002\u0000");
  }

  @Test
  void historyListsEveryCommittedChangeNewestFirst() {
    long b1 = peer.commit(CHANNEL, invoke("put", "hist/k", "v1"));
    long b2 = peer.commit(CHANNEL, invoke("put", "hist/k", "v2"));
    long b3 = peer.commit(CHANNEL, invoke("del", "hist/k"));
    ExecutionResult result = invoke("history", "hist/k");
    JsonNode history = json(result);
    assertThat(history)
        .extracting(h -> h.get("txId").asText())
        .containsExactly("tx-" + b3 + "-0", "tx-" + b2 + "-0", "tx-" + b1 + "-0");
    assertThat(history)
        .extracting(h -> h.get("isDelete").asBoolean())
        .containsExactly(true, false, false);
    assertThat(history).extracting(h -> h.get("value").asText()).containsExactly("", "v2", "v1");
    assertThat(history.get(0).get("seconds").asLong()).isPositive();
    assertThat(result.readWriteSet().getNsRwsetCount()).isZero();
  }

  @Test
  void keyLevelEndorsementPoliciesAreStateMetadata() {
    long block = peer.seed(CHANNEL, CC, keys("sbe/k", "v"));
    ExecutionResult set = invoke("setEp", "sbe/k", "policy-bytes");
    assertThat(namespaces(set))
        .isEqualTo(
            Map.of(
                CC,
                KVRWSet.newBuilder()
                    .addMetadataWrites(
                        KVMetadataWrite.newBuilder()
                            .setKey("sbe/k")
                            .addEntries(
                                KVMetadataEntry.newBuilder()
                                    .setName("VALIDATION_PARAMETER")
                                    .setValue(utf8("policy-bytes"))))
                    .build()));
    long metadataBlock = peer.commit(CHANNEL, set);
    ExecutionResult get = invoke("getEp", "sbe/k");
    assertThat(payload(get)).isEqualTo("policy-bytes");
    assertThat(namespaces(get))
        .isEqualTo(
            Map.of(CC, KVRWSet.newBuilder().addReads(read("sbe/k", metadataBlock, 0)).build()));
    assertThat(metadataBlock).isGreaterThan(block);
  }

  @Test
  void aCallToAnotherChaincodeOnTheSameChannelJoinsTheReadWriteSet() throws IOException {
    long block = peer.seed(CHANNEL, SECOND_CC, keys("cc2cc/k", "theirs"));
    ExecutionResult result = invoke("invoke", SECOND_CC, "", "putGet", "cc2cc/k", "new");
    assertThat(json(result).get("status").asInt()).isEqualTo(200);
    assertThat(json(result).get("payload").asText()).isEqualTo("theirs");
    assertThat(namespaces(result))
        .isEqualTo(
            Map.of(
                SECOND_CC,
                KVRWSet.newBuilder()
                    .addReads(read("cc2cc/k", block, 0))
                    .addWrites(write("cc2cc/k", "new"))
                    .build()));
  }

  @Test
  void aCallToAnotherChannelReadsThatChannelAndRecordsNothing() {
    peer.seed(OTHER_CHANNEL, SECOND_CC, keys("xch/k", "over there"));
    ExecutionResult result = invoke("invoke", SECOND_CC, OTHER_CHANNEL, "putGet", "xch/k", "lost");
    assertThat(json(result).get("status").asInt()).isEqualTo(200);
    assertThat(json(result).get("payload").asText()).isEqualTo("over there");
    assertThat(result.readWriteSet().getNsRwsetCount()).isZero();
  }

  @Test
  void aChaincodeCannotCallItself() {
    ExecutionResult result = invoke("invoke", CC, "", "get", "self/k");
    assertThat(result.response().getStatus()).isEqualTo(500);
    if (shimReportsPeerErrorText()) {
      assertThat(result.response().getMessage()).contains("INVOKE_CHAINCODE failed", "exists");
    }
  }

  @Test
  void richQueriesAndPrivateDataAreRefusedWithAClearError() {
    ExecutionResult query = invoke("query", "{\"selector\":{}}");
    ExecutionResult privateGet = invoke("privateGet", "secret", "k");
    ExecutionResult privatePut = invoke("privatePut", "secret", "k", "v");
    for (ExecutionResult result : List.of(query, privateGet, privatePut)) {
      assertThat(result.response().getStatus()).isEqualTo(500);
    }
    if (shimReportsPeerErrorText()) {
      assertThat(query.response().getMessage())
          .contains("rich queries (GET_QUERY_RESULT) are not supported yet");
      assertThat(privateGet.response().getMessage()).contains("private data is not supported yet");
      assertThat(privatePut.response().getMessage()).contains("private data is not supported yet");
    }
  }

  @Test
  void theEventReachesTheResultWithTheChaincodeNameAndTxid() {
    TestPeer.Execution execution = peer.execute(CC, "event", "Created", "payload");
    ExecutionResult result = await(execution);
    assertThat(result.event())
        .contains(
            ChaincodeEvent.newBuilder()
                .setChaincodeId(CC)
                .setTxId(execution.txId())
                .setEventName("Created")
                .setPayload(utf8("payload"))
                .build());
  }

  @Test
  void theStubSeesTheTransactionChannelAndArguments() {
    TestPeer.Execution execution = peer.execute(CC, "txinfo", "a", "é");
    JsonNode info = json(await(execution));
    assertThat(info.get("txId").asText()).isEqualTo(execution.txId());
    assertThat(info.get("channelId").asText()).isEqualTo(CHANNEL);
    assertThat(info.get("args")).extracting(JsonNode::asText).containsExactly("txinfo", "a", "é");
  }

  @Test
  void initIsSentAsInit() {
    ChaincodeInput input = Proposals.input("setup").toBuilder().setIsInit(true).build();
    ExecutionResult result = await(peer.execute(CHANNEL, CC, input));
    assertThat(payload(result)).isEqualTo("init:setup");
  }

  @Test
  void anErrorResponseIsAResultAndAThrownExceptionIsAFailure() {
    ExecutionResult failed = invoke("fail", "bad request");
    assertThat(failed.response().getStatus()).isEqualTo(500);
    assertThat(failed.response().getMessage()).isEqualTo("bad request");

    if (shimAnswersErrorWhenInvokeThrows()) {
      assertThatThrownBy(() -> invoke("throw", "it broke"))
          .isInstanceOf(ChaincodeException.class)
          .hasMessageStartingWith("transaction returned with failure: ")
          .hasMessageContaining("it broke");
    } else {
      assertThatThrownBy(() -> invoke("throw", "it broke"))
          .isInstanceOf(ChaincodeException.class)
          .hasMessageStartingWith(
              "timeout expired while executing transaction: chaincode interop:1.0");
    }
  }

  @Test
  void aChaincodeThatTakesTooLongTimesOutAndTheNextTransactionStillWorks() {
    TestPeer.Execution slow =
        peer.execute(CC, "sleep", String.valueOf(EXECUTE_TIMEOUT.toMillis() + 1500));
    assertThatThrownBy(() -> await(slow))
        .isInstanceOf(ChaincodeException.class)
        .hasMessageContaining("timeout expired while executing transaction")
        .hasMessageContaining("WEFT_CHAINCODE_EXECUTETIMEOUT");
    assertThat(payload(invoke("txinfo"))).contains(CHANNEL);
  }

  @Test
  void manyConcurrentTransactionsAllComplete() {
    List<TestPeer.Execution> executions = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      executions.add(peer.execute(CC, "put", "concurrent/" + i, "v" + i));
    }
    for (int i = 0; i < executions.size(); i++) {
      assertThat(namespaces(await(executions.get(i))).get(CC).getWrites(0).getKey())
          .isEqualTo("concurrent/" + i);
    }
  }

  @Test
  void aChaincodeProcessThatDiesFailsItsTransactionsAtOnce() throws Exception {
    try (ChaincodeProcess doomed = shim().start(peer, "doomed:1.0")) {
      TestPeer.Execution execution = peer.execute("doomed", "sleep", "30000");
      Thread.sleep(500);
      doomed.kill();
      assertThatThrownBy(() -> await(execution))
          .isInstanceOf(ChaincodeException.class)
          .hasMessageStartingWith("chaincode stream terminated: chaincode doomed:1.0 disconnected");
    }
    assertThat(peer.chaincodeSupport().registeredChaincodes()).doesNotContain("doomed:1.0");
    assertThat(chaincode.isAlive()).isTrue();
  }

  private ExecutionResult invoke(String... args) {
    return await(peer.execute(CC, args));
  }

  private static ExecutionResult await(TestPeer.Execution execution) {
    try {
      return execution.result().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new AssertionError(e);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String payload(ExecutionResult result) {
    assertThat(result.response().getStatus())
        .as("status of a response with message '%s'", result.response().getMessage())
        .isEqualTo(200);
    return result.response().getPayload().toStringUtf8();
  }

  private static JsonNode json(ExecutionResult result) {
    try {
      return JSON.readTree(payload(result));
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + payload(result), e);
    }
  }

  /** The key-value read-write set of every namespace, to compare exactly. */
  private static Map<String, KVRWSet> namespaces(ExecutionResult result) {
    TxReadWriteSet rwSet = result.readWriteSet();
    assertThat(rwSet.getDataModel()).isEqualTo(TxReadWriteSet.DataModel.KV);
    Map<String, KVRWSet> byNamespace = new LinkedHashMap<>();
    for (NsReadWriteSet ns : rwSet.getNsRwsetList()) {
      try {
        byNamespace.put(ns.getNamespace(), KVRWSet.parseFrom(ns.getRwset()));
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
    }
    return byNamespace;
  }

  private static KVRead read(String key, long block, long tx) {
    return KVRead.newBuilder()
        .setKey(key)
        .setVersion(Version.newBuilder().setBlockNum(block).setTxNum(tx))
        .build();
  }

  private static KVWrite write(String key, String value) {
    return KVWrite.newBuilder().setKey(key).setValue(utf8(value)).build();
  }

  private static ByteString utf8(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }
}
