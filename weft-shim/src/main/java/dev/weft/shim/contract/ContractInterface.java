package dev.weft.shim.contract;

import dev.weft.shim.ChaincodeStub;

/**
 * What every contract is: a class annotated with {@link Contract} whose {@link Transaction} methods
 * a {@link ContractRouter} calls, with hooks it may override. For each transaction the router calls
 * {@link #createContext}, converts the arguments, then {@link #beforeTransaction}, the function and
 * {@link #afterTransaction}; for a function the contract does not have, {@link #unknownTransaction}
 * instead (without the other two hooks). An exception from any of them fails the transaction.
 *
 * <p>The router uses the one instance it was given for every transaction, several at once: keep
 * per-transaction state in the context, not in fields.
 */
public interface ContractInterface {

  /** The context for one transaction; override to return a subclass with state of your own. */
  default Context createContext(ChaincodeStub stub) {
    return new Context(stub);
  }

  /** Runs before the transaction function, after its arguments are converted. */
  default void beforeTransaction(Context ctx) {}

  /** Runs after the transaction function returned {@code result} (null for a void function). */
  default void afterTransaction(Context ctx, Object result) {}

  /**
   * Called for a function this contract does not have. By default fails the transaction with a
   * message naming the function and the contract; if an override returns, the transaction succeeds
   * with an empty payload.
   */
  default void unknownTransaction(Context ctx) {
    String function = ctx.stub().getFunction();
    throw new ContractException(
        "Undefined contract method called: '"
            + function.substring(function.lastIndexOf(':') + 1)
            + "' in contract '"
            + ContractDefinition.nameOf(getClass())
            + "'");
  }
}
