package dev.weft.samples.assettransfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.shim.ChaincodeStub;
import dev.weft.shim.KeyValue;
import dev.weft.shim.QueryResultsIterator;
import dev.weft.shim.contract.Context;
import dev.weft.shim.contract.Contract;
import dev.weft.shim.contract.ContractException;
import dev.weft.shim.contract.ContractInterface;
import dev.weft.shim.contract.Default;
import dev.weft.shim.contract.Info;
import dev.weft.shim.contract.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Fabric's asset-transfer-basic sample on Weft's contract API: assets stored as JSON under their
 * id, created, read, updated, transferred and deleted by transaction functions.
 */
@Contract(
    name = "basic",
    info = @Info(title = "Asset Transfer", description = "Basic asset transfer", version = "1.0"))
@Default
public final class AssetTransfer implements ContractInterface {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Creates the six assets of Fabric's sample. */
  @Transaction(name = "InitLedger")
  public void initLedger(Context ctx) {
    List<Asset> assets =
        List.of(
            new Asset("asset1", "blue", 5, "Tomoko", 300),
            new Asset("asset2", "red", 5, "Brad", 400),
            new Asset("asset3", "green", 10, "Jin Soo", 500),
            new Asset("asset4", "yellow", 10, "Max", 600),
            new Asset("asset5", "black", 15, "Adriana", 700),
            new Asset("asset6", "white", 15, "Michel", 800));
    for (Asset asset : assets) {
      put(ctx.stub(), asset);
    }
  }

  @Transaction(name = "CreateAsset")
  public Asset createAsset(
      Context ctx, String assetID, String color, int size, String owner, int appraisedValue) {
    if (assetExists(ctx, assetID)) {
      throw new ContractException("the asset " + assetID + " already exists");
    }
    Asset asset = new Asset(assetID, color, size, owner, appraisedValue);
    put(ctx.stub(), asset);
    return asset;
  }

  @Transaction(intent = Transaction.Intent.EVALUATE, name = "ReadAsset")
  public Asset readAsset(Context ctx, String assetID) {
    String json = ctx.stub().getStringState(assetID);
    if (json.isEmpty()) {
      throw new ContractException("the asset " + assetID + " does not exist");
    }
    return parse(json);
  }

  @Transaction(name = "UpdateAsset")
  public Asset updateAsset(
      Context ctx, String assetID, String color, int size, String owner, int appraisedValue) {
    if (!assetExists(ctx, assetID)) {
      throw new ContractException("the asset " + assetID + " does not exist");
    }
    Asset asset = new Asset(assetID, color, size, owner, appraisedValue);
    put(ctx.stub(), asset);
    return asset;
  }

  @Transaction(name = "DeleteAsset")
  public void deleteAsset(Context ctx, String assetID) {
    if (!assetExists(ctx, assetID)) {
      throw new ContractException("the asset " + assetID + " does not exist");
    }
    ctx.stub().delState(assetID);
  }

  @Transaction(intent = Transaction.Intent.EVALUATE, name = "AssetExists")
  public boolean assetExists(Context ctx, String assetID) {
    return ctx.stub().getState(assetID).length > 0;
  }

  /** Gives the asset a new owner and returns the old one. */
  @Transaction(name = "TransferAsset")
  public String transferAsset(Context ctx, String assetID, String newOwner) {
    Asset asset = readAsset(ctx, assetID);
    put(
        ctx.stub(),
        new Asset(asset.ID(), asset.Color(), asset.Size(), newOwner, asset.AppraisedValue()));
    return asset.Owner();
  }

  @Transaction(intent = Transaction.Intent.EVALUATE, name = "GetAllAssets")
  public List<Asset> getAllAssets(Context ctx) {
    List<Asset> assets = new ArrayList<>();
    try (QueryResultsIterator<KeyValue> results = ctx.stub().getStateByRange("", "")) {
      for (KeyValue result : results) {
        assets.add(parse(result.stringValue()));
      }
    }
    return assets;
  }

  private static void put(ChaincodeStub stub, Asset asset) {
    try {
      stub.putStringState(asset.ID(), JSON.writeValueAsString(asset));
    } catch (JsonProcessingException e) {
      throw new ContractException("cannot write asset " + asset.ID() + ": " + e.getMessage());
    }
  }

  private static Asset parse(String json) {
    try {
      return JSON.readValue(json, Asset.class);
    } catch (JsonProcessingException e) {
      throw new ContractException("the ledger holds an asset that is not valid JSON: " + json);
    }
  }
}
