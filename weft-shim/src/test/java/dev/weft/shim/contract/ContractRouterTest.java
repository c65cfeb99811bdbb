package dev.weft.shim.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.weft.shim.ChaincodeException;
import dev.weft.shim.ChaincodeStub;
import dev.weft.shim.Response;
import dev.weft.shim.testing.InMemoryStub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractRouterTest {

  public record Asset(String id, String color, int size) {}

  /** Records what the router called, in order. */
  static final class Calls {
    final List<String> list = new ArrayList<>();

    void add(String call) {
      list.add(call);
    }
  }

  @Contract(name = "assets")
  @Default
  public static final class AssetContract implements ContractInterface {

    final Calls calls = new Calls();

    @Transaction(intent = Transaction.Intent.EVALUATE)
    public Asset describe(Context ctx, String id, int size) {
      calls.add("describe " + id);
      return new Asset(id, "blue", size);
    }

    @Transaction(name = "Store")
    public void store(Context ctx, Asset asset) {
      ctx.stub().putStringState(asset.id(), asset.color());
    }

    @Transaction(intent = Transaction.Intent.EVALUATE)
    public String read(Context ctx, String key) {
      return ctx.stub().getStringState(key);
    }

    @Transaction
    public void refuse(Context ctx) {
      throw new ContractException(409, "asset is locked", "E42".getBytes(StandardCharsets.UTF_8));
    }

    @Transaction
    public void crash(Context ctx) {
      throw new IllegalStateException("index out of order");
    }

    @Transaction
    public void crashWithoutMessage(Context ctx) {
      throw new NullPointerException();
    }

    @Transaction
    public void readFile(Context ctx) throws IOException {
      throw new IOException("disk gone");
    }

    @Transaction
    public void peerRefuses(Context ctx) {
      throw new ChaincodeException("GET_QUERY_RESULT not supported for leveldb");
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
  private final ContractRouter router = new ContractRouter(new Counter(), assets);

  private Response invoke(String... args) {
    return router.invoke(InMemoryStub.of(args));
  }

  @Test
  void anUnprefixedFunctionGoesToTheContractMarkedDefault() {
    Response response = invoke("describe", "a1", "7");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.payloadAsString())
        .isEqualTo("{\"id\":\"a1\",\"color\":\"blue\",\"size\":7}");
  }

  @Test
  void withoutADefaultMarkTheFirstContractServesUnprefixedFunctions() {
    @Contract(name = "other")
    final class Other implements ContractInterface {}
    ContractRouter router = new ContractRouter(new Counter(), new Other());

    assertThat(router.invoke(InMemoryStub.of("Double", "4")).payloadAsString()).isEqualTo("8");
  }

  @Test
  void aPrefixedFunctionGoesToThatContractUnderItsClassNameOrGivenName() {
    assertThat(invoke("Counter:Double", "21").payloadAsString()).isEqualTo("42");
    assertThat(invoke("assets:read", "k").status()).isEqualTo(200);
  }

  @Test
  void functionsReadAndWriteThroughTheStub() {
    InMemoryStub.Ledger ledger = new InMemoryStub.Ledger();
    InMemoryStub store =
        ledger.transaction("Store", "{\"id\":\"a1\",\"color\":\"red\",\"size\":3}");
    assertThat(router.invoke(store).status()).isEqualTo(200);
    assertThat(store.writes()).containsExactly(entry("a1", "red"));
    store.commit();

    assertThat(router.invoke(ledger.transaction("read", "a1")).payloadAsString()).isEqualTo("red");
  }

  @Test
  void initRoutesLikeInvoke() {
    assertThat(router.init(InMemoryStub.of("Counter:Double", "5")).payloadAsString())
        .isEqualTo("10");
  }

  @Test
  void aTransactionWithoutArgumentsSucceedsEmptyAsWithFabricsJavaShim() {
    Response response = router.invoke(InMemoryStub.of());

    assertThat(response).isEqualTo(Response.success());
  }

  @Test
  void hooksRunAroundTheFunctionAndAfterSeesItsResult() {
    invoke("describe", "a1", "7");

    assertThat(assets.calls.list)
        .containsExactly("before describe", "describe a1", "after " + new Asset("a1", "blue", 7));
  }

  @Test
  void argumentsAreConvertedBeforeTheHooksRun() {
    Response response = invoke("describe", "a1", "seven");

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.message())
        .isEqualTo("cannot convert 'seven' to int: For input string: \"seven\"");
    assertThat(assets.calls.list).isEmpty();
  }

  @Test
  void aWrongNumberOfArgumentsFailsWithWhatTheFunctionTakes() {
    assertThat(invoke("describe", "a1").message())
        .isEqualTo("function describe takes 2 arguments, got 1");
    assertThat(invoke("read").message()).isEqualTo("function read takes 1 argument, got 0");
  }

  @Test
  void aContractExceptionFailsWithItsStatusMessageAndPayload() {
    Response response = invoke("refuse");

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.message()).isEqualTo("asset is locked");
    assertThat(response.payloadAsString()).isEqualTo("E42");
  }

  @Test
  void anyOtherExceptionFailsWithItsMessage() {
    assertThat(invoke("crash")).isEqualTo(Response.error("index out of order"));
    assertThat(invoke("readFile")).isEqualTo(Response.error("disk gone"));
    assertThat(invoke("peerRefuses"))
        .isEqualTo(Response.error("GET_QUERY_RESULT not supported for leveldb"));
    assertThat(invoke("crashWithoutMessage"))
        .isEqualTo(Response.error("java.lang.NullPointerException"));
  }

  @Test
  void anUnknownFunctionFailsNamingFunctionAndContractWithoutRunningTheHooks() {
    assertThat(invoke("nope"))
        .isEqualTo(Response.error("Undefined contract method called: 'nope' in contract 'assets'"));
    assertThat(invoke("Counter:nope"))
        .isEqualTo(
            Response.error("Undefined contract method called: 'nope' in contract 'Counter'"));
    assertThat(assets.calls.list).isEmpty();
  }

  @Test
  void anUnknownContractFailsNamingTheContracts() {
    assertThat(invoke("Missing:x").message())
        .isEqualTo("Undefined contract called: 'Missing' (contracts: [Counter, assets])");
  }

  @Contract
  public static final class Tolerant implements ContractInterface {
    @Override
    public void unknownTransaction(Context ctx) {
      ctx.stub().putStringState("unknown", ctx.stub().getFunction());
    }
  }

  @Test
  void anOverriddenUnknownTransactionThatReturnsSucceedsEmpty() {
    InMemoryStub stub = InMemoryStub.of("whatever", "x");

    Response response = new ContractRouter(new Tolerant()).invoke(stub);

    assertThat(response).isEqualTo(Response.success());
    assertThat(stub.writes()).containsEntry("unknown", "whatever");
  }

  /** A context carrying state from the hooks to the function. */
  static final class AuditContext extends Context {
    final List<String> trail = new ArrayList<>();

    AuditContext(ChaincodeStub stub) {
      super(stub);
    }
  }

  @Contract
  public static final class Audited implements ContractInterface {
    @Override
    public Context createContext(ChaincodeStub stub) {
      return new AuditContext(stub);
    }

    @Override
    public void beforeTransaction(Context ctx) {
      ((AuditContext) ctx).trail.add("checked");
    }

    @Transaction
    public String trail(AuditContext ctx) {
      return String.join(",", ctx.trail);
    }

    @Override
    public void afterTransaction(Context ctx, Object result) {
      if (result.equals("checked")) {
        throw new ContractException("after refused " + result);
      }
    }
  }

  @Test
  void theContextFromCreateContextCarriesStateFromBeforeToTheFunctionAndAfterCanStillFail() {
    Response response = new ContractRouter(new Audited()).invoke(InMemoryStub.of("trail"));

    assertThat(response).isEqualTo(Response.error("after refused checked"));
  }

  @Contract
  public static final class Gatekeeper implements ContractInterface {
    final Calls calls = new Calls();

    @Override
    public void beforeTransaction(Context ctx) {
      throw new ContractException(403, "not allowed", null);
    }

    @Transaction
    public void open(Context ctx) {
      calls.add("opened");
    }
  }

  @Test
  void aBeforeHookThatThrowsStopsTheFunction() {
    Gatekeeper gatekeeper = new Gatekeeper();

    Response response = new ContractRouter(gatekeeper).invoke(InMemoryStub.of("open"));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.message()).isEqualTo("not allowed");
    assertThat(gatekeeper.calls.list).isEmpty();
  }

  @Test
  void getMetadataReturnsTheMetadataAndTheSystemContractHasNothingElse() {
    Response metadata = invoke("org.hyperledger.fabric:GetMetadata");

    assertThat(metadata.status()).isEqualTo(200);
    assertThat(metadata.payloadAsString()).isEqualTo(router.metadata()).contains("\"describe\"");
    assertThat(invoke("org.hyperledger.fabric:Other").message())
        .isEqualTo(
            "Undefined contract method called: 'Other' in contract 'org.hyperledger.fabric'");
  }
}
