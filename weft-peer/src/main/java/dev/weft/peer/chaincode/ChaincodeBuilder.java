package dev.weft.peer.chaincode;

/**
 * Builds installed packages of the kinds it recognises and starts what it built: an external
 * builder (Fabric's detect/build/release/run programs) or one of the peer's built-in builders.
 */
interface ChaincodeBuilder {

  /** How the builder is named in logs, errors and {@code build-info.properties}. */
  String name();

  /** Whether this builder builds the package (an external builder runs its {@code detect}). */
  boolean detects(BuildSession session);

  /**
   * Builds the package into its output directory and releases it; a builder whose chaincode runs as
   * a server writes its {@code chaincode/server/connection.json} into the release directory.
   *
   * @throws BuildFailure saying what failed
   */
  void build(BuildSession session);

  /**
   * Starts the chaincode of a package this builder built, which then connects to the peer.
   *
   * @throws BuildFailure saying what failed
   */
  ChildProcess run(UnpackedPackage built, RunContext context);
}
