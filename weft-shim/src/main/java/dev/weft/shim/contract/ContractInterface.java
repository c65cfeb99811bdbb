package dev.weft.shim.contract;

import dev.weft.shim.ChaincodeStub;

/**
 * What every contract is: its hooks, with defaults. A {@link ContractRouter} calls them around each
 * transaction function of the contract.
 */
public interface ContractInterface {

  /** The context passed to the hooks and the function; override to add your own state. */
  default Context createContext(ChaincodeStub stub) {
    return new Context(stub);
  }

  /** Runs before the transaction function; throwing here fails the transaction. */
  default void beforeTransaction(Context ctx) {}

  /** Runs after the function returned {@code result} (null for void); throwing fails it. */
  default void afterTransaction(Context ctx, Object result) {}

  /**
   * Called for a function this contract does not have. By default fails the transaction with a
   * message naming the function.
   */
  default void unknownTransaction(Context ctx) {
    throw new ContractException(
        "Undefined contract method called: '" + ctx.stub().getFunction() + "'");
  }
}
