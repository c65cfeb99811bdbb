package dev.weft.peer.chaincode;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * Finds the connected handler that runs a chaincode, launching its installed package if need be.
 *
 * <p>Precedence, when the chaincode's definition names a package id:
 *
 * <ol>
 *   <li>a ready handler registered under that package id (launched by this peer, or started by hand
 *       with {@code CORE_CHAINCODE_ID_NAME=<package id>}, as with Fabric's chaincode as a service);
 *   <li>a chaincode the user started in development mode and registered by name ({@code name} or
 *       {@code name:version}): someone running the chaincode by hand, say in a debugger, wants that
 *       one used. Handlers registered under another package id ({@code label:<64 hex>}) do not
 *       count, so an old package's runtime is never taken for the defined one;
 *   <li>otherwise the package is launched, and the invocation waits for it.
 * </ol>
 *
 * Without a definition, or with one that names no package, only development mode applies.
 */
final class ChaincodeRuntimes {

  private static final Pattern PACKAGE_ID = Pattern.compile(".+:[0-9a-f]{64}");

  private final HandlerRegistry registry;
  private final Launcher launcher;

  ChaincodeRuntimes(HandlerRegistry registry, Launcher launcher) {
    this.registry = registry;
    this.launcher = launcher;
  }

  /**
   * Completes with a ready handler for the chaincode, or fails with a {@link ChaincodeException}
   * that names the chaincode and channel.
   */
  CompletableFuture<Handler> handler(
      String channelId, String chaincodeName, Optional<ChaincodeDefinition> definition) {
    try {
      Optional<String> packageId = definition.flatMap(ChaincodeDefinition::packageId);
      if (packageId.isEmpty()) {
        return CompletableFuture.completedFuture(registry.forName(chaincodeName));
      }
      Optional<Handler> launched = registry.ready(packageId.get());
      if (launched.isPresent()) {
        return CompletableFuture.completedFuture(launched.get());
      }
      Optional<Handler> development =
          registry.findForName(chaincodeName, id -> !PACKAGE_ID.matcher(id).matches());
      if (development.isPresent()) {
        return CompletableFuture.completedFuture(development.get());
      }
      return launcher
          .launch(packageId.get())
          .exceptionallyCompose(
              failure ->
                  CompletableFuture.failedFuture(
                      new ChaincodeException(
                          "chaincode "
                              + chaincodeName
                              + " on channel "
                              + channelId
                              + ": "
                              + unwrap(failure).getMessage(),
                          unwrap(failure))));
    } catch (ChaincodeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }
}
