package dev.weft.peer.chaincode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chaincodes connected to this peer, by the id each registered with ({@code ChaincodeID.name}:
 * {@code name:version} for development-mode chaincode, a package id {@code label:hash} for
 * installed packages).
 */
final class HandlerRegistry {

  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();

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
   * The ready handler for a chaincode name: the one registered as {@code name} itself or as {@code
   * name:<version>}.
   */
  Handler forName(String chaincodeName) {
    List<Handler> matches =
        handlers.entrySet().stream()
            .filter(e -> idMatchesName(e.getKey(), chaincodeName) && e.getValue().isReady())
            .map(Map.Entry::getValue)
            .toList();
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
    throw new ChaincodeException(
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
