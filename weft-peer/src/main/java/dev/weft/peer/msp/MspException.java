package dev.weft.peer.msp;

/** An identity, certificate, key or MSP configuration that cannot be used; the message says why. */
public class MspException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MspException(String message) {
    super(message);
  }

  public MspException(String message, Throwable cause) {
    super(message, cause);
  }
}
