package dev.weft.peer.chaincode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The chaincodes connected to this peer, by the id each registered with ({@code ChaincodeID.name}:
 * {@code name:version} for development-mode chaincode, a package id {@code label:hash} for
 * installed packages).
 */
final class HandlerRegistry {

  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
  private final Map<String, Set<CompletableFuture<Handler>>> readyWaiters =
      new ConcurrentHashMap<>();

  /** Registers a handler under a chaincode id; fails if another handler holds that id. */
  void register(String chaincodeId, Handler handler) {
    Handler existing = handlers.putIfAbsent(chaincodeId, handler);
    if (existing != null && existing != handler) {
      throw new ChaincodeException(
          "duplicate chaincodeID "
              + chaincodeId
              + ": a chaincode with this id is already connected to the peer; stop it or start"
              + " this one with another CORE_CHAINCODE_ID_NAME");
    }
  }

  /** Removes a handler, but only if it is the one registered under that id. */
  void deregister(String chaincodeId, Handler handler) {
    handlers.remove(chaincodeId, handler);
  }

  /** The ready handler registered under exactly this id. */
  Optional<Handler> ready(String chaincodeId) {
    Handler handler = handlers.get(chaincodeId);
    return handler != null && handler.isReady() ? Optional.of(handler) : Optional.empty();
  }

  /**
   * Completes with the handler registered under {@code chaincodeId} once it is ready (at once if it
   * is). Cancel the future to stop waiting.
   */
  CompletableFuture<Handler> awaitReady(String chaincodeId) {
    CompletableFuture<Handler> waiter = new CompletableFuture<>();
    readyWaiters.computeIfAbsent(chaincodeId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
    waiter.whenComplete(
        (handler, failure) ->
            readyWaiters.computeIfPresent(
                chaincodeId,
                (id, waiters) -> {
                  waiters.remove(waiter);
                  return waiters.isEmpty() ? null : waiters;
                }));
    // Added before looking, so that a handler becoming ready meanwhile is not missed.
    ready(chaincodeId).ifPresent(waiter::complete);
    return waiter;
  }

  /** Called by a handler once it is ready: completes whoever awaits its id. */
  void announceReady(String chaincodeId, Handler handler) {
    Set<CompletableFuture<Handler>> waiters = readyWaiters.get(chaincodeId);
    if (waiters != null && handlers.get(chaincodeId) == handler) {
      List.copyOf(waiters).forEach(waiter -> waiter.complete(handler));
    }
  }

  /**
   * The ready handler for a chaincode name: the one registered as {@code name} itself or as {@code
   * name:<version>}.
   */
  Handler forName(String chaincodeName) {
    return forName(chaincodeName, id -> true);
  }

  /**
   * The ready handlers registered as {@code name} or {@code name:<version>} whose ids pass {@code
   * filter}: none, or exactly one.
   *
   * @throws ChaincodeException when several do
   */
  Optional<Handler> findForName(String chaincodeName, Predicate<String> filter) {
    List<Handler> matches = matches(chaincodeName, filter);
    if (matches.size() > 1) {
      throw ambiguous(chaincodeName);
    }
    return matches.stream().findFirst();
  }

  private List<Handler> matches(String chaincodeName, Predicate<String> filter) {
    return handlers.entrySet().stream()
        .filter(
            e ->
                idMatchesName(e.getKey(), chaincodeName)
                    && filter.test(e.getKey())
                    && e.getValue().isReady())
        .map(Map.Entry::getValue)
        .toList();
  }

  private Handler forName(String chaincodeName, Predicate<String> filter) {
    List<Handler> matches = matches(chaincodeName, filter);
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new ChaincodeException(
          "chaincode "
              + chaincodeName
              + " is not running: no chaincode registered with this peer as "
              + chaincodeName
              + ":<version>; start it with CORE_CHAINCODE_ID_NAME="
              + chaincodeName
              + ":<version> and CORE_PEER_ADDRESS set to the peer's chaincode listener");
    }
    throw ambiguous(chaincodeName);
  }

  private ChaincodeException ambiguous(String chaincodeName) {
    return new ChaincodeException(
        "chaincode "
            + chaincodeName
            + " is ambiguous: several versions are connected ("
            + String.join(", ", ids(chaincodeName))
            + "); stop all but one");
  }

  /** The ids of the chaincodes that are registered and ready, sorted. */
  SortedSet<String> readyIds() {
    SortedSet<String> ids = new TreeSet<>();
    handlers.forEach(
        (id, handler) -> {
          if (handler.isReady()) {
            ids.add(id);
          }
        });
    return ids;
  }

  private SortedSet<String> ids(String chaincodeName) {
    SortedSet<String> ids = new TreeSet<>();
    handlers.keySet().stream().filter(id -> idMatchesName(id, chaincodeName)).forEach(ids::add);
    return ids;
  }

  private static boolean idMatchesName(String chaincodeId, String chaincodeName) {
    return chaincodeId.equals(chaincodeName) || chaincodeId.startsWith(chaincodeName + ":");
  }
}
