package dev.weft.samples.assettransfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.shim.Response;
import dev.weft.shim.contract.ContractRouter;
import dev.weft.shim.testing.InMemoryStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sample as clients call it, through the contract router, over an in-memory ledger. */
class AssetTransferTest {

  private final ContractRouter chaincode = new ContractRouter(new AssetTransfer());
  private final InMemoryStub.Ledger ledger = new InMemoryStub.Ledger();

  private Response submit(String... args) {
    InMemoryStub tx = ledger.transaction(args);
    Response response = chaincode.invoke(tx);
    if (response.isSuccess()) {
      tx.commit();
    }
    return response;
  }

  @BeforeEach
  void initLedger() {
    assertThat(submit("InitLedger").status()).isEqualTo(200);
  }

  @Test
  void initLedgerStoresSixAssetsAsAlphabeticallyOrderedJsonLikeFabricsSample() {
    assertThat(ledger.value("asset3"))
        .isEqualTo(
            "{\"AppraisedValue\":500,\"Color\":\"green\",\"ID\":\"asset3\",\"Owner\":\"Jin Soo\","
                + "\"Size\":10}");
    assertThat(ledger.value("asset6")).contains("\"Owner\":\"Michel\"");
    assertThat(ledger.value("asset7")).isEmpty();
  }

  @Test
  void readAssetReturnsTheStoredJsonAndFailsForAMissingAsset() {
    assertThat(submit("ReadAsset", "asset1").payloadAsString()).isEqualTo(ledger.value("asset1"));
    assertThat(submit("ReadAsset", "asset9"))
        .isEqualTo(Response.error("the asset asset9 does not exist"));
  }

  @Test
  void createAssetAddsANewAssetAndRefusesAnExistingId() {
    assertThat(submit("CreateAsset", "asset7", "purple", "20", "Ana", "900").payload()).isEmpty();
    assertThat(ledger.value("asset7"))
        .isEqualTo(
            "{\"AppraisedValue\":900,\"Color\":\"purple\",\"ID\":\"asset7\",\"Owner\":\"Ana\","
                + "\"Size\":20}");
    assertThat(submit("CreateAsset", "asset1", "blue", "5", "Ana", "1"))
        .isEqualTo(Response.error("the asset asset1 already exists"));
  }

  @Test
  void updateAssetReplacesAnExistingAssetOnly() {
    submit("UpdateAsset", "asset1", "blue", "6", "Tomoko", "350");
    assertThat(ledger.value("asset1")).contains("\"AppraisedValue\":350", "\"Size\":6");
    assertThat(submit("UpdateAsset", "asset9", "blue", "6", "Tomoko", "350").message())
        .isEqualTo("the asset asset9 does not exist");
  }

  @Test
  void deleteAssetRemovesItAndAssetExistsSaysSo() {
    assertThat(submit("AssetExists", "asset2").payloadAsString()).isEqualTo("true");
    submit("DeleteAsset", "asset2");
    assertThat(submit("AssetExists", "asset2").payloadAsString()).isEqualTo("false");
    assertThat(submit("DeleteAsset", "asset2").message())
        .isEqualTo("the asset asset2 does not exist");
  }

  @Test
  void transferAssetChangesTheOwnerAndReturnsTheOldOne() {
    assertThat(submit("TransferAsset", "asset3", "Ana").payloadAsString()).isEqualTo("Jin Soo");
    assertThat(ledger.value("asset3")).contains("\"Owner\":\"Ana\"");
  }

  @Test
  void getAllAssetsReturnsEveryAssetInIdOrderAsAJsonArray() {
    String all = submit("GetAllAssets").payloadAsString();

    assertThat(all)
        .startsWith("[" + ledger.value("asset1") + "," + ledger.value("asset2") + ",")
        .endsWith("," + ledger.value("asset6") + "]");
  }

  @Test
  void badArgumentsFailWithoutTouchingTheLedger() {
    InMemoryStub tx = ledger.transaction("CreateAsset", "asset8", "red", "big", "Ana", "1");

    assertThat(chaincode.invoke(tx).message())
        .isEqualTo("cannot convert 'big' to int: For input string: \"big\"");
    assertThat(tx.writes()).isEmpty();
  }

  @Test
  void theMetadataNamesTheFunctionsAndDescribesTheAsset() {
    String metadata = submit("org.hyperledger.fabric:GetMetadata").payloadAsString();

    assertThat(metadata)
        .contains("\"name\":\"TransferAsset\"", "\"name\":\"GetAllAssets\"")
        .contains("\"Asset\":{\"$id\":\"Asset\"")
        .contains("{\"name\":\"newOwner\",\"schema\":{\"type\":\"string\"}}");
  }
}
