package dev.weft.peer.channel;

/** A channel configuration that cannot be read or built; the message says why. */
public class ChannelException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ChannelException(String message) {
    super(message);
  }

  public ChannelException(String message, Throwable cause) {
    super(message, cause);
  }
}
