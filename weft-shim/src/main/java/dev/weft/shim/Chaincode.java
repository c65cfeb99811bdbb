package dev.weft.shim;

/**
 * A chaincode: the code a peer runs for a transaction proposal. {@link #invoke} serves every
 * transaction; {@link #init} serves the initialisation Fabric's lifecycle asks for when a chaincode
 * definition requires it.
 *
 * <p>Several transactions may run at once, each on its own thread with its own stub: an
 * implementation must be thread-safe if it keeps state of its own (most keep none).
 */
public interface Chaincode {

  /** Initialises the chaincode; by default does nothing and succeeds. */
  default Response init(ChaincodeStub stub) {
    return Response.success();
  }

  /**
   * Serves one transaction. A returned status of 500 or more fails the proposal with the response's
   * message; an exception thrown from here fails it with the exception's message.
   */
  Response invoke(ChaincodeStub stub);
}
