package dev.weft.shim;

/**
 * A stub call the peer refused or could not complete: the message is the peer's reason (for
 * instance an unsupported query, or a paginated query in a transaction that writes), or what went
 * wrong on the stream.
 */
public class ChaincodeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ChaincodeException(String message) {
    super(message);
  }

  public ChaincodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
