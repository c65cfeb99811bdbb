/**
 * A contract API on top of {@link dev.weft.shim.Chaincode}, the way most Java chaincode is written
 * for Fabric: classes annotated with {@link dev.weft.shim.contract.Contract} whose {@link
 * dev.weft.shim.contract.Transaction} methods take a {@link dev.weft.shim.contract.Context} and
 * typed arguments, served by a {@link dev.weft.shim.contract.ContractRouter}.
 *
 * <pre>{@code
 * @Contract(name = "basic")
 * public final class AssetContract implements ContractInterface {
 *
 *   @Transaction(intent = Transaction.Intent.EVALUATE)
 *   public Asset ReadAsset(Context ctx, String id) { ... }
 * }
 *
 * public static void main(String[] args) {
 *   Shim.start(new ContractRouter(new AssetContract()), args);
 * }
 * }</pre>
 */
package dev.weft.shim.contract;
