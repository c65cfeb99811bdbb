package dev.weft.samples.assettransfer;

import dev.weft.shim.Shim;
import dev.weft.shim.contract.ContractRouter;

/** Starts the asset-transfer chaincode with the environment and arguments a peer gives it. */
public final class AssetTransferChaincode {

  private AssetTransferChaincode() {}

  /** Connects to the peer (or serves it, as a chaincode service) until the stream ends. */
  public static void main(String[] args) {
    Shim.start(new ContractRouter(new AssetTransfer()), args);
  }
}
