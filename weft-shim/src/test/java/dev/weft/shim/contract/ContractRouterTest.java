package dev.weft.shim.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.weft.shim.ShimFixture;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type;
import org.hyperledger.fabric.protos.peer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContractRouterTest {

  @DataType
  public record Asset(String id, String color, int size) {}

  @Contract(name = "assets", info = @Info(title = "Assets", version = "1.2"))
  @Default
  public static final class AssetContract implements ContractInterface {

    final List<String> calls = new ArrayList<>();

    @Transaction(intent = Transaction.Intent.EVALUATE)
    public Asset describe(Context ctx, String id, int size) {
      return new Asset(id, "blue", size);
    }

    @Transaction
    public String resize(Context ctx, Asset asset, long by) {
      return asset.id() + ":" + (asset.size() + by);
    }

    @Transaction(intent = Transaction.Intent.EVALUATE)
    public String read(Context ctx, String key) {
      return ctx.stub().getStringState(key);
    }

    @Transaction
    public void refuse(Context ctx) {
      throw new ContractException("asset is locked", "E42".getBytes());
    }

    @Override
    public void beforeTransaction(Context ctx) {
      calls.add("before " + ctx.stub().getFunction());
    }

    @Override
    public void afterTransaction(Context ctx, Object result) {
      calls.add("after " + result);
    }
  }

  @Contract
  public static final class Counter implements ContractInterface {
    @Transaction(name = "Double")
    public int twice(Context ctx, int value) {
      return 2 * value;
    }
  }

  private final AssetContract assets = new AssetContract();
  private final ShimFixture shim = ShimFixture.withoutBatching();

  {
    shim.onInvoke(new ContractRouter(assets, new Counter()));
  }

  @AfterEach
  void close() {
    shim.close();
  }

  private Response run(String... args) {
    shim.peer.startTransaction("tx1", args);
    return shim.peer.completed("tx1");
  }

  @Test
  void anUnprefixedFunctionGoesToTheDefaultContractAndARecordComesBackAsJson() throws Exception {
    Response response = run("describe", "a1", "7");
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(response.getPayload().toStringUtf8()))
        .isEqualTo(new ObjectMapper().readTree("{\"id\":\"a1\",\"color\":\"blue\",\"size\":7}"));
  }

  @Test
  void aQualifiedFunctionGoesToItsContractUnderItsOwnName() {
    assertThat(run("Counter:Double", "21").getPayload().toStringUtf8()).isEqualTo("42");
  }

  @Test
  void jsonArgumentsBecomeRecordsAndNumbersTheirPrimitiveTypes() {
    assertThat(
            run("assets:resize", "{\"id\":\"a\",\"color\":\"red\",\"size\":3}", "4")
                .getPayload()
                .toStringUtf8())
        .isEqualTo("a:7");
  }

  @Test
  void hooksRunAroundTheFunctionWithItsResult() {
    run("describe", "a1", "7");
    assertThat(assets.calls)
        .containsExactly("before describe", "after " + new Asset("a1", "blue", 7));
  }

  @Test
  void functionsUseTheStub() {
    shim.peer.startTransaction("tx1", "read", "k");
    shim.peer.respond(shim.peer.receive(Type.GET_STATE), ByteString.copyFromUtf8("value"));
    assertThat(shim.peer.completed("tx1").getPayload().toStringUtf8()).isEqualTo("value");
  }

  @Test
  void aContractExceptionFailsWithItsMessageAndPayload() {
    Response response = run("refuse");
    assertThat(response.getStatus()).isEqualTo(500);
    assertThat(response.getMessage()).isEqualTo("asset is locked");
    assertThat(response.getPayload().toStringUtf8()).isEqualTo("E42");
  }

  @Test
  void anUnknownFunctionOrContractAndBadArgumentsFailWithAClearMessage() {
    assertThat(run("nope").getMessage()).isEqualTo("Undefined contract method called: 'nope'");
    assertThat(run("Missing:x").getMessage()).startsWith("Undefined contract called: 'Missing'");
    assertThat(run("describe", "a1").getMessage())
        .isEqualTo("function describe takes 2 argument(s), got 1");
    assertThat(run("describe", "a1", "big").getMessage()).startsWith("cannot convert 'big' to int");
  }

  @Test
  void getMetadataDescribesContractsTransactionsAndDataTypes() throws Exception {
    JsonNode metadata =
        new ObjectMapper()
            .readTree(run("org.hyperledger.fabric:GetMetadata").getPayload().toStringUtf8());
    assertThat(metadata.path("$schema").asText()).endsWith("contract-schema.json");
    JsonNode contract = metadata.path("contracts").path("assets");
    assertThat(contract.path("info").path("title").asText()).isEqualTo("Assets");
    assertThat(contract.path("info").path("version").asText()).isEqualTo("1.2");
    JsonNode describe = contract.path("transactions").get(0);
    assertThat(describe.path("name").asText()).isEqualTo("describe");
    assertThat(describe.path("tags").get(0).asText()).isEqualTo("EVALUATE");
    assertThat(describe.path("parameters").get(0).path("name").asText()).isEqualTo("id");
    assertThat(describe.path("parameters").get(1).path("schema").path("type").asText())
        .isEqualTo("integer");
    assertThat(describe.path("returns").path("$ref").asText())
        .isEqualTo("#/components/schemas/Asset");
    JsonNode asset = metadata.path("components").path("schemas").path("Asset");
    assertThat(asset.path("properties").path("size").path("type").asText()).isEqualTo("integer");
    assertThat(asset.path("required")).hasSize(3);
    assertThat(metadata.path("contracts").path("Counter").path("transactions").get(0).path("tags"))
        .extracting(JsonNode::asText)
        .containsExactly("SUBMIT", "submitTx");
    assertThat(metadata.path("contracts").has("org.hyperledger.fabric")).isTrue();
  }

  @Test
  void aContractWithoutTheAnnotationOrWithABadFunctionIsRefusedAtOnce() {
    assertThatThrownBy(() -> new ContractRouter(new ContractInterface() {}))
        .hasMessageContaining("is not annotated with @Contract");
    assertThatThrownBy(() -> new ContractRouter(new NoContext()))
        .hasMessageContaining("must take the Context as its first parameter");
  }

  @Contract
  public static final class NoContext implements ContractInterface {
    @Transaction
    public String broken(String id) {
      return id;
    }
  }
}
