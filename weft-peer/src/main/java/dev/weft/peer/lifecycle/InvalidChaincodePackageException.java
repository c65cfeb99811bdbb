package dev.weft.peer.lifecycle;

/** A chaincode package that cannot be read or built; the message names the package. */
public final class InvalidChaincodePackageException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Says that the package {@code source} is wrong because of {@code problem}. */
  public InvalidChaincodePackageException(String source, String problem) {
    super("chaincode package " + source + ": " + problem);
  }

  /** Says that the package {@code source} is wrong because of {@code problem}, shown by cause. */
  public InvalidChaincodePackageException(String source, String problem, Throwable cause) {
    super("chaincode package " + source + ": " + problem, cause);
  }
}
