package dev.weft.peer.chaincode;

/**
 * A step of building or starting a chaincode package failed; the message says which and why (the
 * launcher adds which chaincode, package and log file).
 */
final class BuildFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  BuildFailure(String message) {
    super(message);
  }

  BuildFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
