package dev.weft.shim.contract;

import dev.weft.shim.ChaincodeStub;

/** What a transaction function gets besides its arguments: the stub and who is calling. */
public class Context {

  private final ChaincodeStub stub;
  private ClientIdentity clientIdentity;

  public Context(ChaincodeStub stub) {
    this.stub = stub;
  }

  public ChaincodeStub stub() {
    return stub;
  }

  /** The identity that created the proposal, decoded on first use. */
  public synchronized ClientIdentity clientIdentity() {
    if (clientIdentity == null) {
      clientIdentity = ClientIdentity.of(stub.getCreator());
    }
    return clientIdentity;
  }
}
