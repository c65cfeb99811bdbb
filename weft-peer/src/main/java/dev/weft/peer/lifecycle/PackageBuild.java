package dev.weft.peer.lifecycle;

import java.util.concurrent.CompletableFuture;

/**
 * The build of a package just installed, which Fabric's {@code InstallChaincode} waits for: a
 * package that cannot be built is not kept installed. Chaincode support provides it, keeping the
 * build for the package's launches.
 */
@FunctionalInterface
public interface PackageBuild {

  /**
   * Starts building the installed package {@code packageId}, or joins its build under way, or finds
   * its kept build. Completes with the name of the builder that built it. Fails with a {@link
   * dev.weft.peer.chaincode.PackageBuildException} saying which step failed and where its log is
   * when the package cannot be built, and with another exception when the build could not finish
   * (the peer shutting down), which says nothing about the package.
   */
  CompletableFuture<String> start(String packageId);
}
