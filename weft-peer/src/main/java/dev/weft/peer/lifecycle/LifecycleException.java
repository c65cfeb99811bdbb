package dev.weft.peer.lifecycle;

/**
 * A lifecycle function that cannot do what it was asked, with Fabric's message; the system
 * chaincode answers it as Fabric's does.
 */
public class LifecycleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LifecycleException(String message) {
    super(message);
  }

  public LifecycleException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
