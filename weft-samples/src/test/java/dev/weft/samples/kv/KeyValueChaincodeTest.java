package dev.weft.samples.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.shim.Response;
import dev.weft.shim.testing.InMemoryStub;
import org.junit.jupiter.api.Test;

class KeyValueChaincodeTest {

  private final KeyValueChaincode chaincode = new KeyValueChaincode();
  private final InMemoryStub.Ledger ledger = new InMemoryStub.Ledger();

  private Response submit(String... args) {
    InMemoryStub tx = ledger.transaction(args);
    Response response = chaincode.invoke(tx);
    tx.commit();
    return response;
  }

  @Test
  void putThenGetReturnsTheValueAndAMissingKeyIsEmpty() {
    submit("put", "a", "1");

    assertThat(submit("get", "a").payloadAsString()).isEqualTo("1");
    assertThat(submit("get", "b").payload()).isEmpty();
  }

  @Test
  void delRemovesTheKey() {
    submit("put", "a", "1");
    submit("del", "a");

    assertThat(ledger.value("a")).isEmpty();
  }

  @Test
  void rangeListsKeysFromStartToBeforeEnd() {
    submit("put", "a", "1");
    submit("put", "b", "2");
    submit("put", "c", "3");

    assertThat(submit("range", "a", "c").payloadAsString()).isEqualTo("a=1\nb=2");
    assertThat(submit("range", "b", "").payloadAsString()).isEqualTo("b=2\nc=3");
  }

  @Test
  void historyListsChangesNewestFirstWithDeletes() {
    submit("put", "a", "1");
    submit("put", "a", "2");
    submit("del", "a");

    assertThat(submit("history", "a").payloadAsString()).isEqualTo("tx3 <deleted>\ntx2 2\ntx1 1");
  }

  @Test
  void wrongArgumentsAndUnknownFunctionsFailWithStatus400() {
    assertThat(submit("put", "a")).isEqualTo(Response.error(400, "put takes a key and a value"));
    assertThat(submit("range", "a").status()).isEqualTo(400);
    assertThat(submit("drop", "a").message())
        .isEqualTo("unknown function 'drop' (put, get, del, range, history)");
  }
}
