package dev.weft.peer.chaincode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transactions one chaincode is executing, keyed by channel and transaction id. A second
 * execution of the same transaction on the same channel by the same chaincode is refused: that is
 * both Fabric's duplicate check and its limit on recursive cross-chaincode calls.
 */
final class TransactionContexts {

  private record Key(String channelId, String txId) {}

  private final Map<Key, TransactionContext> contexts = new ConcurrentHashMap<>();

  /** Adds a context, or fails if this transaction is already executing here. */
  void add(TransactionContext context) {
    TransactionContext existing =
        contexts.putIfAbsent(new Key(context.channelId(), context.txId()), context);
    if (existing != null) {
      throw new ChaincodeException(
          "txid: "
              + context.txId()
              + "("
              + context.channelId()
              + ") exists: chaincode "
              + context.chaincodeId()
              + " is already executing this transaction on this channel (a transaction id can"
              + " be executed once at a time, and a chaincode cannot be re-entered through a"
              + " cross-chaincode call)");
    }
  }

  TransactionContext get(String channelId, String txId) {
    return contexts.get(new Key(channelId, txId));
  }

  /** Removes a context if it is still the one registered for its key. */
  void remove(TransactionContext context) {
    contexts.remove(new Key(context.channelId(), context.txId()), context);
  }

  /** Every context in flight. */
  List<TransactionContext> all() {
    return List.copyOf(contexts.values());
  }
}
