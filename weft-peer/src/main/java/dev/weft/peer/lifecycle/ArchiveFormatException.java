package dev.weft.peer.lifecycle;

import java.io.IOException;

/** An archive that is not a gzip stream, not a tar archive, or uses tar features Weft refuses. */
public final class ArchiveFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /** An exception with a message that says what is wrong with the archive. */
  public ArchiveFormatException(String message) {
    super(message);
  }

  /** An exception with a message that says what is wrong, and the failure that showed it. */
  public ArchiveFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
