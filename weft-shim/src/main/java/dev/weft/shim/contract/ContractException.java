package dev.weft.shim.contract;

import dev.weft.shim.Response;

/**
 * Thrown by a transaction function or hook to fail the transaction on purpose: the client gets an
 * error response with this exception's message, status (500 unless given) and payload (for instance
 * a machine-readable error code). The {@link ContractRouter} does not log it as a fault.
 */
public class ContractException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final byte[] payload;

  /** Fails the transaction with status 500 and {@code message}. */
  public ContractException(String message) {
    this(Response.ERROR, message, null);
  }

  /** Fails the transaction with status 500, {@code message} and {@code payload}. */
  public ContractException(String message, byte[] payload) {
    this(Response.ERROR, message, payload);
  }

  /** Fails the transaction with status 500 and {@code message}, recording the cause. */
  public ContractException(String message, Throwable cause) {
    super(message, cause);
    this.status = Response.ERROR;
    this.payload = new byte[0];
  }

  /**
   * Fails the transaction with a status of the contract's choosing, 400 or more (see {@link
   * Response} for what the statuses mean).
   *
   * @throws IllegalArgumentException if {@code status} is below 400
   */
  public ContractException(int status, String message, byte[] payload) {
    super(message);
    if (status < Response.ERROR_THRESHOLD) {
      throw new IllegalArgumentException("an error status is 400 or more, got " + status);
    }
    this.status = status;
    this.payload = payload == null ? new byte[0] : payload.clone();
  }

  /** The status of the error response. */
  public int status() {
    return status;
  }

  /** A copy of the payload of the error response; empty if none was given. */
  public byte[] payload() {
    return payload.clone();
  }
}
