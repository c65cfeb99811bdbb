package dev.weft.shim;

import static dev.weft.shim.ChaincodeMessages.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type;
import org.hyperledger.fabric.protos.peer.GetStateMultiple;
import org.hyperledger.fabric.protos.peer.GetStateMultipleResult;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.WriteBatchState;
import org.hyperledger.fabric.protos.peer.WriteRecord;
import org.junit.jupiter.api.Test;

class WriteBatchingTest {

  private static Response fiveWrites(ChaincodeStub stub) {
    stub.putStringState("a", "1");
    stub.putStringState("b", "2");
    stub.putStringState("a", "3");
    stub.delState("c");
    stub.setStateValidationParameter("b", "policy".getBytes(StandardCharsets.UTF_8));
    stub.putStringState("d", "4");
    return Response.success();
  }

  @Test
  void writesAreHeldAndSentInBatchesOfTheAnnouncedSizeBeforeCompleted() {
    try (ShimFixture shim = ShimFixture.withBatching(2, 100)) {
      shim.onInvoke(WriteBatchingTest::fiveWrites);
      shim.peer.startTransaction("tx1", "write");
      ChaincodeMessage first = shim.peer.receive(Type.WRITE_BATCH_STATE);
      shim.peer.respond(first);
      ChaincodeMessage second = shim.peer.receive(Type.WRITE_BATCH_STATE);
      shim.peer.respond(second);
      ChaincodeMessage third = shim.peer.receive(Type.WRITE_BATCH_STATE);
      shim.peer.respond(third);
      assertThat(shim.peer.completed("tx1").getStatus()).isEqualTo(200);

      List<WriteRecord> records =
          java.util.stream.Stream.of(first, second, third)
              .flatMap(m -> parse(WriteBatchState.parser(), m.getPayload()).getRecList().stream())
              .toList();
      assertThat(parse(WriteBatchState.parser(), first.getPayload()).getRecCount()).isEqualTo(2);
      assertThat(records)
          .extracting(WriteRecord::getType, WriteRecord::getKey, r -> r.getValue().toStringUtf8())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(WriteRecord.Type.PUT_STATE, "a", "3"),
              org.assertj.core.groups.Tuple.tuple(WriteRecord.Type.PUT_STATE, "b", "2"),
              org.assertj.core.groups.Tuple.tuple(WriteRecord.Type.DEL_STATE, "c", ""),
              org.assertj.core.groups.Tuple.tuple(WriteRecord.Type.PUT_STATE_METADATA, "b", ""),
              org.assertj.core.groups.Tuple.tuple(WriteRecord.Type.PUT_STATE, "d", "4"));
      assertThat(records.get(3).getMetadata().getMetakey()).isEqualTo("VALIDATION_PARAMETER");
    }
  }

  @Test
  void withoutBatchesTheSameWritesGoOneMessageEach() {
    try (ShimFixture shim = ShimFixture.withoutBatching()) {
      shim.onInvoke(WriteBatchingTest::fiveWrites);
      shim.peer.startTransaction("tx1", "write");
      List<Type> sent = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        ChaincodeMessage message = shim.peer.receive();
        sent.add(message.getType());
        shim.peer.respond(message);
      }
      assertThat(sent)
          .containsExactly(
              Type.PUT_STATE,
              Type.PUT_STATE,
              Type.PUT_STATE,
              Type.DEL_STATE,
              Type.PUT_STATE_METADATA,
              Type.PUT_STATE);
      assertThat(shim.peer.completed("tx1").getStatus()).isEqualTo(200);
    }
  }

  @Test
  void heldWritesGoBeforeAPaginatedQueryAndLaterWritesGoAtOnce() {
    try (ShimFixture shim = ShimFixture.withBatching(100, 100)) {
      shim.onInvoke(
          stub -> {
            stub.putStringState("before", "1");
            try (var page = stub.getStateByRangeWithPagination("a", "z", 10, "")) {
              page.forEach(kv -> {});
            }
            stub.putStringState("after", "2");
            return Response.success();
          });
      shim.peer.startTransaction("tx1", "mixed");
      shim.peer.respond(shim.peer.receive(Type.WRITE_BATCH_STATE));
      shim.peer.respond(
          shim.peer.receive(Type.GET_STATE_BY_RANGE),
          QueryResponse.newBuilder().setId("q").build());
      ChaincodeMessage after = shim.peer.receive(Type.PUT_STATE);
      shim.peer.fail(after, "txSimulator does not allow a write after a paginated query");
      ChaincodeMessage error = shim.peer.receive(Type.ERROR);
      assertThat(error.getPayload().toStringUtf8())
          .as("the chaincode failed at the write, as it would without batching")
          .isEqualTo("txSimulator does not allow a write after a paginated query");
    }
  }

  @Test
  void privateWritesAreSentAtOnceSoThatARefusalReachesTheCall() {
    try (ShimFixture shim = ShimFixture.withBatching(100, 100)) {
      shim.onInvoke(
          stub -> {
            try {
              stub.putPrivateData("secret", "k", "v".getBytes(StandardCharsets.UTF_8));
              return Response.success();
            } catch (ChaincodeException e) {
              return Response.error("caught: " + e.getMessage());
            }
          });
      shim.peer.startTransaction("tx1", "private");
      ChaincodeMessage put = shim.peer.receive(Type.PUT_STATE);
      shim.peer.fail(put, "collection secret not found");
      assertThat(shim.peer.completed("tx1").getMessage())
          .isEqualTo("caught: collection secret not found");
    }
  }

  @Test
  void aFailedBatchFailsTheTransaction() {
    try (ShimFixture shim = ShimFixture.withBatching(100, 100)) {
      shim.onInvoke(
          stub -> {
            stub.putStringState("k", "v");
            return Response.success();
          });
      shim.peer.startTransaction("tx1", "write");
      shim.peer.fail(shim.peer.receive(Type.WRITE_BATCH_STATE), "WRITE_BATCH_STATE failed: nope");
      ChaincodeMessage error = shim.peer.receive(Type.ERROR);
      assertThat(error.getTxid()).isEqualTo("tx1");
      assertThat(error.getPayload().toStringUtf8()).contains("WRITE_BATCH_STATE failed: nope");
    }
  }

  @Test
  void multipleKeysAreReadInChunksOfTheAnnouncedSize() {
    try (ShimFixture shim = ShimFixture.withBatching(100, 2)) {
      shim.onInvoke(
          stub -> {
            List<byte[]> values = stub.getMultipleStates(List.of("a", "b", "c"));
            return Response.success(
                String.join(
                    ",", values.stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList()));
          });
      shim.peer.startTransaction("tx1", "multi");
      ChaincodeMessage first = shim.peer.receive(Type.GET_STATE_MULTIPLE);
      assertThat(parse(GetStateMultiple.parser(), first.getPayload()).getKeysList())
          .containsExactly("a", "b");
      shim.peer.respond(
          first,
          GetStateMultipleResult.newBuilder()
              .addValues(ByteString.copyFromUtf8("1"))
              .addValues(ByteString.EMPTY));
      ChaincodeMessage second = shim.peer.receive(Type.GET_STATE_MULTIPLE);
      assertThat(parse(GetStateMultiple.parser(), second.getPayload()).getKeysList())
          .containsExactly("c");
      shim.peer.respond(
          second, GetStateMultipleResult.newBuilder().addValues(ByteString.copyFromUtf8("3")));
      assertThat(shim.peer.completed("tx1").getPayload().toStringUtf8()).isEqualTo("1,,3");
    }
  }

  @Test
  void multipleKeysAreReadOneByOneFromAPeerWithoutGetMultiple() {
    try (ShimFixture shim = ShimFixture.withoutBatching()) {
      shim.onInvoke(stub -> Response.success(stub.getMultipleStates(List.of("a", "b")).get(1)));
      shim.peer.startTransaction("tx1", "multi");
      shim.peer.respond(shim.peer.receive(Type.GET_STATE), ByteString.copyFromUtf8("1"));
      shim.peer.respond(shim.peer.receive(Type.GET_STATE), ByteString.copyFromUtf8("2"));
      assertThat(shim.peer.completed("tx1").getPayload().toStringUtf8()).isEqualTo("2");
    }
  }
}
