package dev.weft.peer.chaincode;

/**
 * A chaincode execution that failed: the chaincode is not running, answered ERROR, timed out,
 * disconnected, or was called wrongly. The message says which chaincode, transaction and channel,
 * and what to change where there is something to change.
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
