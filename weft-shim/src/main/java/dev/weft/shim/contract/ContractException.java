package dev.weft.shim.contract;

import dev.weft.shim.ChaincodeException;

/**
 * Thrown by a transaction function to fail the transaction with a message and, optionally, a
 * payload (for instance a machine-readable error code) that the client receives.
 */
public class ContractException extends ChaincodeException {

  private static final long serialVersionUID = 1L;

  private final byte[] payload;

  public ContractException(String message) {
    this(message, new byte[0]);
  }

  public ContractException(String message, byte[] payload) {
    super(message);
    this.payload = payload == null ? new byte[0] : payload.clone();
  }

  /** The payload of the error response. */
  public byte[] payload() {
    return payload.clone();
  }
}
