package dev.weft.peer.chaincode;

import static dev.weft.peer.testing.TestPeer.CHANNEL;
import static dev.weft.peer.testing.TestPeer.keys;
import static dev.weft.peer.testing.TestPeer.namespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.GET_HISTORY_FOR_KEY;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.GET_QUERY_RESULT;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.GET_STATE_BY_RANGE;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.QUERY_STATE_CLOSE;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.QUERY_STATE_NEXT;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.testing.ScriptedChaincode;
import dev.weft.peer.testing.ScriptedTransaction;
import dev.weft.peer.testing.TestPeer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.GetHistoryForKey;
import org.hyperledger.fabric.protos.peer.GetQueryResult;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;
import org.hyperledger.fabric.protos.peer.QueryStateClose;
import org.hyperledger.fabric.protos.peer.QueryStateNext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueryRequestsTest {

  private TestPeer peer = TestPeer.start();
  private ScriptedChaincode cc;

  @BeforeEach
  void register() {
    cc = ScriptedChaincode.register(peer.chaincodeAddress(), "cc:1.0");
  }

  @AfterEach
  void stop() {
    cc.close();
    peer.close();
  }

  @Test
  void aSmallRangeComesInOneResponseAndIsRecordedWithItsReads() {
    peer.seed(CHANNEL, "cc", keys("a", "1", "b", "2", "c", "3"));
    peer.seed(CHANNEL, "other", keys("b2", "x"));
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    QueryResponse response = tx.query(GET_STATE_BY_RANGE, range("b", ""));
    assertThat(response.getHasMore()).isFalse();
    assertThat(response.getId()).isNotEmpty();
    assertThat(response.getMetadata()).isEmpty();
    assertThat(kvs(response))
        .containsExactly(
            KV.newBuilder().setNamespace("cc").setKey("b").setValue(utf8("2")).build(),
            KV.newBuilder().setNamespace("cc").setKey("c").setValue(utf8("3")).build());
    RangeQueryInfo info = namespace(tx.complete().readWriteSet(), "cc").getRangeQueriesInfo(0);
    assertThat(info.getStartKey()).isEqualTo("b");
    assertThat(info.getEndKey()).isEmpty();
    assertThat(info.getItrExhausted()).isTrue();
    assertThat(info.getRawReads().getKvReadsList())
        .extracting(r -> r.getKey())
        .containsExactly("b", "c");
  }

  @Test
  void aLargeRangeComesInBatchesOfAHundredThroughQueryStateNext() {
    peer.seed(CHANNEL, "cc", numbered(250));
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    QueryResponse first = tx.query(GET_STATE_BY_RANGE, range("", ""));
    assertThat(first.getResultsCount()).isEqualTo(100);
    assertThat(first.getHasMore()).isTrue();
    QueryResponse second = tx.query(QUERY_STATE_NEXT, next(first.getId()));
    assertThat(second.getResultsCount()).isEqualTo(100);
    assertThat(second.getHasMore()).isTrue();
    assertThat(kvs(second).get(0).getKey()).isEqualTo("k00100");
    QueryResponse third = tx.query(QUERY_STATE_NEXT, next(first.getId()));
    assertThat(third.getResultsCount()).isEqualTo(50);
    assertThat(third.getHasMore()).isFalse();
    // An exhausted query is closed by the peer.
    assertThat(tx.error(QUERY_STATE_NEXT, next(first.getId())))
        .contains("query iterator not found");

    RangeQueryInfo info = namespace(tx.complete().readWriteSet(), "cc").getRangeQueriesInfo(0);
    assertThat(info.getItrExhausted()).isTrue();
    assertThat(info.getReadsMerkleHashes().getMaxLevel()).isEqualTo(1);
    assertThat(info.getReadsMerkleHashes().getMaxLevelHashesCount()).isEqualTo(5);
  }

  @Test
  void closingEarlyRecordsEverythingThePeerPulledIncludingThePrefetchedResult() {
    peer.seed(CHANNEL, "cc", numbered(250));
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    QueryResponse first = tx.query(GET_STATE_BY_RANGE, range("", ""));
    QueryResponse closed = tx.query(QUERY_STATE_CLOSE, close(first.getId()));
    assertThat(closed).isEqualTo(QueryResponse.newBuilder().setId(first.getId()).build());

    RangeQueryInfo info = namespace(tx.complete().readWriteSet(), "cc").getRangeQueriesInfo(0);
    assertThat(info.getItrExhausted()).isFalse();
    assertThat(info.getEndKey()).isEqualTo("k00100");
  }

  @Test
  void closingAnUnknownQueryIsFineButContinuingOneIsAnError() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    assertThat(tx.query(QUERY_STATE_CLOSE, close("nope")).getId()).isEqualTo("nope");
    assertThat(tx.error(QUERY_STATE_NEXT, next("nope")))
        .startsWith(
            "QUERY_STATE_NEXT failed: transaction ID: " + tx.txId() + ": query iterator not found")
        .contains("'nope'");
    tx.complete();
  }

  @Test
  void pagesCarryTheFetchedCountAndTheNextKeyAsBookmark() throws Exception {
    peer.seed(CHANNEL, "cc", keys("a", "1", "b", "2", "c", "3", "d", "4", "e", "5"));
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    QueryResponse page1 = tx.query(GET_STATE_BY_RANGE, page("a", "e", 2, ""));
    assertThat(keysOf(page1)).containsExactly("a", "b");
    assertThat(page1.getHasMore()).isFalse();
    assertThat(metadata(page1))
        .isEqualTo(
            QueryResponseMetadata.newBuilder().setFetchedRecordsCount(2).setBookmark("c").build());

    QueryResponse page2 = tx.query(GET_STATE_BY_RANGE, page("a", "e", 2, "c"));
    assertThat(keysOf(page2)).containsExactly("c", "d");
    assertThat(metadata(page2).getBookmark()).isEmpty();

    KVRWSet rwSet = namespace(tx.complete().readWriteSet(), "cc");
    assertThat(rwSet.getRangeQueriesInfoList())
        .extracting(
            RangeQueryInfo::getStartKey, RangeQueryInfo::getEndKey, RangeQueryInfo::getItrExhausted)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "b", false),
            org.assertj.core.groups.Tuple.tuple("c", "d", false));
  }

  @Test
  void theLastPageOfARangeIsExhaustedAndHasNoBookmark() throws Exception {
    peer.seed(CHANNEL, "cc", keys("a", "1", "b", "2", "c", "3"));
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    QueryResponse page = tx.query(GET_STATE_BY_RANGE, page("b", "", 5, ""));
    assertThat(keysOf(page)).containsExactly("b", "c");
    assertThat(metadata(page))
        .isEqualTo(QueryResponseMetadata.newBuilder().setFetchedRecordsCount(2).build());
    RangeQueryInfo info = namespace(tx.complete().readWriteSet(), "cc").getRangeQueriesInfo(0);
    assertThat(info.getItrExhausted()).isTrue();
  }

  @Test
  void aNegativePageSizeIsRefused() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    assertThat(tx.error(GET_STATE_BY_RANGE, page("", "", -1, ""))).contains("must not be negative");
    tx.complete();
  }

  @Test
  void aRangeBeyondTheTotalQueryLimitIsCutOffSilentlyAsInFabric() {
    peer.close();
    cc.close();
    peer = TestPeer.start(c -> c.withTotalQueryLimit(150));
    cc = ScriptedChaincode.register(peer.chaincodeAddress(), "cc:1.0");
    peer.seed(CHANNEL, "cc", numbered(250));
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    QueryResponse first = tx.query(GET_STATE_BY_RANGE, range("", ""));
    assertThat(first.getResultsCount()).isEqualTo(100);
    assertThat(first.getHasMore()).isTrue();
    QueryResponse last = tx.query(QUERY_STATE_NEXT, next(first.getId()));
    assertThat(last.getResultsCount()).isEqualTo(50);
    assertThat(last.getHasMore()).isFalse();
    assertThat(tx.error(QUERY_STATE_NEXT, next(first.getId())))
        .contains("query iterator not found");
    tx.complete();
  }

  @Test
  void aPartialCompositeKeyRangeReturnsOnlyThatPrefix() {
    String blue = "\u0000color\u0000blue\u0000";
    peer.seed(
        CHANNEL,
        "cc",
        keys(
            blue + "1\u0000",
            "b1",
            blue + "2\u0000",
            "b2",
            "\u0000color\u0000red\u0000",
            "r",
            "plain",
            "p"));
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    assertThat(keysOf(tx.query(GET_STATE_BY_RANGE, range(blue, blue + "\uDBFF\uDFFF"))))
        .containsExactly(blue + "1\u0000", blue + "2\u0000");
    assertThat(keysOf(tx.query(GET_STATE_BY_RANGE, range("\u0001", "")))).containsExactly("plain");
    tx.complete();
  }

  @Test
  void historyIsNewestFirstAndNotRecorded() throws Exception {
    Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
    Instant t2 = Instant.parse("2026-01-02T00:00:00Z");
    long b1 = peer.commit(CHANNEL, t1, TestPeer.writes("cc", keys("k", "v1")));
    long b2 = peer.commit(CHANNEL, t2, TestPeer.writes("cc", keys("k", "")));
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    QueryResponse response =
        tx.query(GET_HISTORY_FOR_KEY, GetHistoryForKey.newBuilder().setKey("k").build());
    List<KeyModification> history =
        response.getResultsList().stream().map(QueryRequestsTest::modification).toList();
    assertThat(history)
        .extracting(KeyModification::getTxId)
        .containsExactly("tx-" + b2 + "-0", "tx-" + b1 + "-0");
    assertThat(history.get(0).getIsDelete()).isTrue();
    assertThat(history.get(1).getValue().toStringUtf8()).isEqualTo("v1");
    assertThat(history.get(1).getTimestamp().getSeconds()).isEqualTo(t1.getEpochSecond());
    assertThat(tx.complete().readWriteSet().getNsRwsetCount()).isZero();
  }

  @Test
  void richQueriesAreRefusedWithAClearMessage() {
    ScriptedTransaction tx = ScriptedTransaction.start(peer, cc, "cc", "f");
    assertThat(tx.error(GET_QUERY_RESULT, GetQueryResult.newBuilder().setQuery("{}").build()))
        .contains("rich queries (GET_QUERY_RESULT) are not supported yet");
    tx.complete();
  }

  private static Map<String, String> numbered(int count) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      values.put(String.format("k%05d", i), "v" + i);
    }
    return values;
  }

  private static GetStateByRange range(String start, String end) {
    return GetStateByRange.newBuilder().setStartKey(start).setEndKey(end).build();
  }

  private static GetStateByRange page(String start, String end, int size, String bookmark) {
    return GetStateByRange.newBuilder()
        .setStartKey(start)
        .setEndKey(end)
        .setMetadata(
            QueryMetadata.newBuilder()
                .setPageSize(size)
                .setBookmark(bookmark)
                .build()
                .toByteString())
        .build();
  }

  private static QueryStateNext next(String id) {
    return QueryStateNext.newBuilder().setId(id).build();
  }

  private static QueryStateClose close(String id) {
    return QueryStateClose.newBuilder().setId(id).build();
  }

  private static QueryResponseMetadata metadata(QueryResponse response)
      throws InvalidProtocolBufferException {
    return QueryResponseMetadata.parseFrom(response.getMetadata());
  }

  private static List<KV> kvs(QueryResponse response) {
    return response.getResultsList().stream().map(QueryRequestsTest::kv).toList();
  }

  private static List<String> keysOf(QueryResponse response) {
    return kvs(response).stream().map(KV::getKey).toList();
  }

  private static KV kv(QueryResultBytes bytes) {
    try {
      return KV.parseFrom(bytes.getResultBytes());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static KeyModification modification(QueryResultBytes bytes) {
    try {
      return KeyModification.parseFrom(bytes.getResultBytes());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static ByteString utf8(String s) {
    return ByteString.copyFromUtf8(s);
  }
}
