package dev.weft.samples.assettransfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
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
import dev.weft.shim.contract.Transaction.Intent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fabric's asset-transfer-basic sample on Weft's contract API, with the same functions, arguments,
 * results and error messages: assets stored as JSON under their id, created, read, updated,
 * transferred and deleted by transaction functions.
 */
@Contract(
    name = "basic",
    info =
        @Info(
            title = "Asset Transfer",
            description = "Fabric's basic asset transfer on weft-shim",
            version = "1.0",
            license = @Info.License(name = "Apache-2.0")))
@Default
public final class AssetTransfer implements ContractInterface {

  // Readers and writers cannot be reconfigured, unlike an ObjectMapper: safe to share.
  private static final ObjectReader READER = new ObjectMapper().readerFor(Asset.class);
  private static final ObjectWriter WRITER = new ObjectMapper().writerFor(Asset.class);

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

  /** Creates an asset; fails if one with its id exists. */
  @Transaction(name = "CreateAsset")
  public void createAsset(
      Context ctx, String id, String color, int size, String owner, int appraisedValue) {
    if (assetExists(ctx, id)) {
      throw new ContractException("the asset " + id + " already exists");
    }
    put(ctx.stub(), new Asset(id, color, size, owner, appraisedValue));
  }

  /** The asset with this id; fails if there is none. */
  @Transaction(intent = Intent.EVALUATE, name = "ReadAsset")
  public Asset readAsset(Context ctx, String id) {
    byte[] json = ctx.stub().getState(id);
    if (json.length == 0) {
      throw new ContractException("the asset " + id + " does not exist");
    }
    return parse(json);
  }

  /** Replaces an asset; fails if there is none with its id. */
  @Transaction(name = "UpdateAsset")
  public void updateAsset(
      Context ctx, String id, String color, int size, String owner, int appraisedValue) {
    if (!assetExists(ctx, id)) {
      throw new ContractException("the asset " + id + " does not exist");
    }
    put(ctx.stub(), new Asset(id, color, size, owner, appraisedValue));
  }

  /** Deletes an asset; fails if there is none with this id. */
  @Transaction(name = "DeleteAsset")
  public void deleteAsset(Context ctx, String id) {
    if (!assetExists(ctx, id)) {
      throw new ContractException("the asset " + id + " does not exist");
    }
    ctx.stub().delState(id);
  }

  /** Whether an asset with this id exists. */
  @Transaction(intent = Intent.EVALUATE, name = "AssetExists")
  public boolean assetExists(Context ctx, String id) {
    return ctx.stub().getState(id).length > 0;
  }

  /** Gives the asset a new owner; returns the old one. */
  @Transaction(name = "TransferAsset")
  public String transferAsset(Context ctx, String id, String newOwner) {
    Asset asset = readAsset(ctx, id);
    put(
        ctx.stub(),
        new Asset(asset.ID(), asset.Color(), asset.Size(), newOwner, asset.AppraisedValue()));
    return asset.Owner();
  }

  /** Every asset, in id order. */
  @Transaction(intent = Intent.EVALUATE, name = "GetAllAssets")
  public List<Asset> getAllAssets(Context ctx) {
    List<Asset> assets = new ArrayList<>();
    // Empty bounds: the whole key space (composite keys aside).
    try (QueryResultsIterator<KeyValue> results = ctx.stub().getStateByRange("", "")) {
      for (KeyValue result : results) {
        assets.add(parse(result.value()));
      }
    }
    return assets;
  }

  private static void put(ChaincodeStub stub, Asset asset) {
    try {
      stub.putState(asset.ID(), WRITER.writeValueAsBytes(asset));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write asset " + asset.ID(), e);
    }
  }

  private static Asset parse(byte[] json) {
    try {
      return READER.readValue(json);
    } catch (IOException e) {
      throw new IllegalStateException("the ledger holds an asset that is not valid JSON", e);
    }
  }
}
