package dev.weft.peer.chaincode;

/**
 * A package that cannot be built: no builder accepts it, a build step failed or took too long, or
 * it cannot be unpacked. The message names the package, the step and the build log. Other failures
 * of a build (the peer shutting down) are plain {@link ChaincodeException}s: the package may still
 * build.
 */
public final class PackageBuildException extends ChaincodeException {

  private static final long serialVersionUID = 1L;

  public PackageBuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
