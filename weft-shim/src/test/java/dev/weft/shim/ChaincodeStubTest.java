package dev.weft.shim;

import static dev.weft.shim.ChaincodeMessages.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.GetStateMetadata;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.PutStateMetadata;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;
import org.hyperledger.fabric.protos.peer.QueryStateClose;
import org.hyperledger.fabric.protos.peer.QueryStateNext;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.StateMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadataResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChaincodeStubTest {

  private final ShimFixture shim = ShimFixture.withoutBatching();
  private final ScriptedPeer peer = shim.peer;

  @AfterEach
  void close() {
    shim.close();
  }

  @Test
  void getStateSendsTheKeyAndReturnsThePeersValue() {
    shim.onInvoke(stub -> Response.success(stub.getState(stub.getParameters().get(0))));
    peer.startTransaction("tx1", "get", "k1");
    ChaincodeMessage get = peer.receive(Type.GET_STATE);
    assertThat(get.getTxid()).isEqualTo("tx1");
    assertThat(get.getChannelId()).isEqualTo(ScriptedPeer.CHANNEL);
    assertThat(parse(GetState.parser(), get.getPayload()))
        .isEqualTo(GetState.newBuilder().setKey("k1").build());
    peer.respond(get, ByteString.copyFromUtf8("v1"));
    assertThat(peer.completed("tx1").getPayload().toStringUtf8()).isEqualTo("v1");
  }

  @Test
  void putStateIsSentAtOnceWhenThePeerTakesNoBatches() {
    shim.onInvoke(
        stub -> {
          stub.putStringState("k", "v");
          return Response.success();
        });
    peer.startTransaction("tx1", "put");
    ChaincodeMessage put = peer.receive(Type.PUT_STATE);
    assertThat(parse(PutState.parser(), put.getPayload()))
        .isEqualTo(
            PutState.newBuilder().setKey("k").setValue(ByteString.copyFromUtf8("v")).build());
    peer.respond(put);
    assertThat(peer.completed("tx1").getStatus()).isEqualTo(200);
  }

  @Test
  void aPeerErrorBecomesAChaincodeExceptionWithThePeersText() {
    shim.onInvoke(
        stub -> {
          try {
            stub.getState("k");
            return Response.success();
          } catch (ChaincodeException e) {
            return Response.error(e.getMessage());
          }
        });
    peer.startTransaction("tx1", "get");
    peer.fail(peer.receive(Type.GET_STATE), "GET_STATE failed: no ledger context");
    org.hyperledger.fabric.protos.peer.Response response = peer.completed("tx1");
    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(response.getMessage()).isEqualTo("GET_STATE failed: no ledger context");
  }

  @Test
  void aRangeIsReadBatchByBatchAndNeedsNoCloseOnceExhausted() {
    shim.onInvoke(
        stub -> {
          List<String> keys = new ArrayList<>();
          try (QueryResultsIterator<KeyValue> range = stub.getStateByRange("", "z")) {
            range.forEach(kv -> keys.add(kv.key() + "=" + kv.stringValue()));
          }
          return Response.success(String.join(",", keys));
        });
    peer.startTransaction("tx1", "range");
    ChaincodeMessage range = peer.receive(Type.GET_STATE_BY_RANGE);
    GetStateByRange request = parse(GetStateByRange.parser(), range.getPayload());
    assertThat(request.getStartKey())
        .as("an empty start key is sent as U+0001")
        .isEqualTo("\u0001");
    assertThat(request.getEndKey()).isEqualTo("z");
    assertThat(request.getMetadata()).isEmpty();
    peer.respond(range, results("q1", true, "a", "b"));
    ChaincodeMessage next = peer.receive(Type.QUERY_STATE_NEXT);
    assertThat(parse(QueryStateNext.parser(), next.getPayload()).getId()).isEqualTo("q1");
    peer.respond(next, results("q1", false, "c"));
    assertThat(peer.completed("tx1").getPayload().toStringUtf8()).isEqualTo("a=va,b=vb,c=vc");
  }

  @Test
  void closingARangeEarlySendsQueryStateClose() {
    shim.onInvoke(
        stub -> {
          try (QueryResultsIterator<KeyValue> range = stub.getStateByRange("a", "z")) {
            return Response.success(range.iterator().next().key());
          }
        });
    peer.startTransaction("tx1", "first");
    peer.respond(peer.receive(Type.GET_STATE_BY_RANGE), results("q7", true, "a", "b"));
    ChaincodeMessage close = peer.receive(Type.QUERY_STATE_CLOSE);
    assertThat(parse(QueryStateClose.parser(), close.getPayload()).getId()).isEqualTo("q7");
    peer.respond(close, QueryResponse.newBuilder().setId("q7").build());
    assertThat(peer.completed("tx1").getPayload().toStringUtf8()).isEqualTo("a");
  }

  @Test
  void aPaginatedRangeSendsPageSizeAndBookmarkAndReturnsTheMetadata() {
    shim.onInvoke(
        stub -> {
          try (QueryResultsIteratorWithMetadata<KeyValue> page =
              stub.getStateByRangeWithPagination("a", "z", 2, "b")) {
            int count = 0;
            for (KeyValue ignored : page) {
              count++;
            }
            return Response.success(
                count
                    + ":"
                    + page.metadata().fetchedRecordsCount()
                    + ":"
                    + page.metadata().bookmark());
          }
        });
    peer.startTransaction("tx1", "page");
    ChaincodeMessage range = peer.receive(Type.GET_STATE_BY_RANGE);
    assertThat(
            parse(
                QueryMetadata.parser(),
                parse(GetStateByRange.parser(), range.getPayload()).getMetadata()))
        .isEqualTo(QueryMetadata.newBuilder().setPageSize(2).setBookmark("b").build());
    peer.respond(
        range,
        results("q1", false, "b", "c").toBuilder()
            .setMetadata(
                org.hyperledger.fabric.protos.peer.QueryResponseMetadata.newBuilder()
                    .setFetchedRecordsCount(2)
                    .setBookmark("d")
                    .build()
                    .toByteString())
            .build());
    assertThat(peer.completed("tx1").getPayload().toStringUtf8()).isEqualTo("2:2:d");
  }

  @Test
  void aPartialCompositeKeyQueryCoversEveryExtensionOfTheKey() {
    shim.onInvoke(
        stub -> {
          List<String> found = new ArrayList<>();
          try (QueryResultsIterator<KeyValue> range =
              stub.getStateByPartialCompositeKey("color", "blue")) {
            range.forEach(
                kv -> found.add(stub.splitCompositeKey(kv.key()).attributes().toString()));
          }
          return Response.success(String.join(";", found));
        });
    peer.startTransaction("tx1", "partial");
    ChaincodeMessage range = peer.receive(Type.GET_STATE_BY_RANGE);
    GetStateByRange request = parse(GetStateByRange.parser(), range.getPayload());
    assertThat(request.getStartKey()).isEqualTo("\u0000color\u0000blue\u0000");
    assertThat(request.getEndKey()).isEqualTo("\u0000color\u0000blue\u0000\uDBFF\uDFFF");
    peer.respond(
        range,
        QueryResponse.newBuilder()
            .setId("q1")
            .addResults(kv(new CompositeKey("color", "blue", "car1").toString(), "x"))
            .build());
    assertThat(peer.completed("tx1").getPayload().toStringUtf8()).isEqualTo("[blue, car1]");
  }

  @Test
  void theValidationParameterIsWrittenAndReadAsKeyMetadata() {
    byte[] policy =
        KeyEndorsementPolicy.empty().withOrgs(KeyEndorsementPolicy.Role.PEER, "Org1MSP").toBytes();
    shim.onInvoke(
        stub -> {
          stub.setStateValidationParameter("k", policy);
          return Response.success(stub.getStateValidationParameter("k"));
        });
    peer.startTransaction("tx1", "ep");
    ChaincodeMessage put = peer.receive(Type.PUT_STATE_METADATA);
    assertThat(parse(PutStateMetadata.parser(), put.getPayload()))
        .isEqualTo(
            PutStateMetadata.newBuilder()
                .setKey("k")
                .setMetadata(
                    StateMetadata.newBuilder()
                        .setMetakey("VALIDATION_PARAMETER")
                        .setValue(ByteString.copyFrom(policy)))
                .build());
    peer.respond(put);
    ChaincodeMessage get = peer.receive(Type.GET_STATE_METADATA);
    assertThat(parse(GetStateMetadata.parser(), get.getPayload()).getKey()).isEqualTo("k");
    peer.respond(
        get,
        StateMetadataResult.newBuilder()
            .addEntries(
                StateMetadata.newBuilder()
                    .setMetakey("VALIDATION_PARAMETER")
                    .setValue(ByteString.copyFrom(policy))));
    assertThat(peer.completed("tx1").getPayload().toByteArray()).isEqualTo(policy);
  }

  @Test
  void invokeChaincodeNamesTheChannelAndReturnsTheCalleesResponse() {
    shim.onInvoke(
        stub -> {
          Response callee =
              stub.invokeChaincode(
                  "other", List.of("f".getBytes(StandardCharsets.UTF_8)), "otherchannel");
          return Response.success(callee.status() + ":" + callee.payloadAsString());
        });
    peer.startTransaction("tx1", "call");
    ChaincodeMessage invoke = peer.receive(Type.INVOKE_CHAINCODE);
    ChaincodeSpec spec = parse(ChaincodeSpec.parser(), invoke.getPayload());
    assertThat(spec.getChaincodeId().getName()).isEqualTo("other/otherchannel");
    assertThat(spec.getInput().getArgs(0).toStringUtf8()).isEqualTo("f");
    peer.respond(
        invoke,
        ChaincodeMessage.newBuilder()
            .setType(Type.COMPLETED)
            .setPayload(
                org.hyperledger.fabric.protos.peer.Response.newBuilder()
                    .setStatus(200)
                    .setPayload(ByteString.copyFromUtf8("ok"))
                    .build()
                    .toByteString())
            .build());
    assertThat(peer.completed("tx1").getPayload().toStringUtf8()).isEqualTo("200:ok");
  }

  @Test
  void theEventGoesOnTheCompletedMessage() {
    shim.onInvoke(
        stub -> {
          stub.setEvent("made", "payload".getBytes(StandardCharsets.UTF_8));
          return Response.success();
        });
    peer.startTransaction("tx1", "event");
    ChaincodeMessage completed = peer.receive(Type.COMPLETED);
    assertThat(completed.getChaincodeEvent())
        .isEqualTo(
            ChaincodeEvent.newBuilder()
                .setEventName("made")
                .setPayload(ByteString.copyFromUtf8("payload"))
                .build());
  }

  @Test
  void theStubExposesTheProposalsTimestampCreatorTransientDataAndBinding() throws Exception {
    ByteString creator = ByteString.copyFromUtf8("creator-identity");
    ByteString nonce = ByteString.copyFromUtf8("nonce");
    Header header =
        Header.newBuilder()
            .setChannelHeader(
                ChannelHeader.newBuilder()
                    .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                    .setTimestamp(Timestamp.newBuilder().setSeconds(1700000000).setNanos(5))
                    .setEpoch(3)
                    .build()
                    .toByteString())
            .setSignatureHeader(
                SignatureHeader.newBuilder()
                    .setCreator(creator)
                    .setNonce(nonce)
                    .build()
                    .toByteString())
            .build();
    Proposal proposal =
        Proposal.newBuilder()
            .setHeader(header.toByteString())
            .setPayload(
                ChaincodeProposalPayload.newBuilder()
                    .putTransientMap("secret", ByteString.copyFromUtf8("s"))
                    .build()
                    .toByteString())
            .build();
    shim.onInvoke(
        stub ->
            Response.success(
                stub.getTxTimestamp()
                    + "|"
                    + new String(stub.getCreator(), StandardCharsets.UTF_8)
                    + "|"
                    + new String(stub.getTransient().get("secret"), StandardCharsets.UTF_8)
                    + "|"
                    + java.util.HexFormat.of().formatHex(stub.getBinding())
                    + "|"
                    + stub.getFunction()
                    + stub.getParameters()));
    peer.send(
        ChaincodeMessage.newBuilder()
            .setType(Type.TRANSACTION)
            .setChannelId(ScriptedPeer.CHANNEL)
            .setTxid("tx1")
            .setPayload(
                ChaincodeInput.newBuilder()
                    .addArgs(ByteString.copyFromUtf8("fn"))
                    .addArgs(ByteString.copyFromUtf8("a1"))
                    .build()
                    .toByteString())
            .setProposal(SignedProposal.newBuilder().setProposalBytes(proposal.toByteString()))
            .build());
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update(nonce.toByteArray());
    sha256.update(creator.toByteArray());
    sha256.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(3).array());
    String binding = java.util.HexFormat.of().formatHex(sha256.digest());
    assertThat(peer.completed("tx1").getPayload().toStringUtf8())
        .isEqualTo(
            Instant.ofEpochSecond(1700000000, 5) + "|creator-identity|s|" + binding + "|fn[a1]");
  }

  static QueryResponse results(String id, boolean hasMore, String... keys) {
    QueryResponse.Builder response = QueryResponse.newBuilder().setId(id).setHasMore(hasMore);
    for (String key : keys) {
      response.addResults(kv(key, "v" + key));
    }
    return response.build();
  }

  static QueryResultBytes kv(String key, String value) {
    return QueryResultBytes.newBuilder()
        .setResultBytes(
            KV.newBuilder()
                .setNamespace("cc")
                .setKey(key)
                .setValue(ByteString.copyFromUtf8(value))
                .build()
                .toByteString())
        .build();
  }
}
