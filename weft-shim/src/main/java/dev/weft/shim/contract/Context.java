package dev.weft.shim.contract;

import dev.weft.shim.ChaincodeStub;

/**
 * What a transaction function gets besides its arguments: the transaction's stub and the identity
 * of the client that created the proposal. A new context is made for every transaction (by {@link
 * ContractInterface#createContext}); subclass it to carry state from {@code beforeTransaction} to
 * the function and {@code afterTransaction}.
 */
public class Context {

  private final ChaincodeStub stub;
  private ClientIdentity clientIdentity;

  /** A context for the transaction {@code stub} serves. */
  public Context(ChaincodeStub stub) {
    this.stub = stub;
  }

  /** The transaction's stub: its arguments, and the ledger through its simulation. */
  public ChaincodeStub stub() {
    return stub;
  }

  /**
   * The identity that created the proposal. Decoded on first use, so that transactions that never
   * ask pay nothing; fails with a {@link dev.weft.shim.ChaincodeException} if the creator is not an
   * X.509 identity.
   */
  public synchronized ClientIdentity clientIdentity() {
    if (clientIdentity == null) {
      clientIdentity = ClientIdentity.of(stub.getCreator());
    }
    return clientIdentity;
  }
}
