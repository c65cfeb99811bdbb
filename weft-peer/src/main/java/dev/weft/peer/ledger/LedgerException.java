package dev.weft.peer.ledger;

/**
 * A ledger operation that cannot be done, with a message meant for the chaincode or client that
 * asked for it (for example Fabric's "Paginated queries are supported only in a read-only
 * transaction").
 */
public class LedgerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LedgerException(String message) {
    super(message);
  }

  public LedgerException(String message, Throwable cause) {
    super(message, cause);
  }
}
