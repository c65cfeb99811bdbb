package dev.weft.samples.assettransfer;

import dev.weft.shim.Shim;
import dev.weft.shim.contract.ContractRouter;

/** Starts the asset-transfer chaincode with the environment a peer gives it. */
public final class AssetTransferChaincode {

  private AssetTransferChaincode() {}

  public static void main(String[] args) {
    Shim.start(new ContractRouter(new AssetTransfer()), args);
  }
}
