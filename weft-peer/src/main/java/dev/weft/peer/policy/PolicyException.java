package dev.weft.peer.policy;

/**
 * A policy that is malformed, or that a set of signatures does not satisfy; the message says why.
 */
public class PolicyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PolicyException(String message) {
    super(message);
  }

  public PolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
