package dev.weft.shim;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/**
 * The requests waiting for the peer's RESPONSE or ERROR, one per transaction (channel and txid): a
 * transaction's requests are sent one at a time.
 */
final class PendingCalls {

  private record Key(String channelId, String txId) {}

  private final Map<Key, CompletableFuture<ChaincodeMessage>> calls = new ConcurrentHashMap<>();
  private volatile ChaincodeException closedBecause;

  /** Registers the call a transaction is about to send. */
  CompletableFuture<ChaincodeMessage> open(String channelId, String txId) {
    CompletableFuture<ChaincodeMessage> call = new CompletableFuture<>();
    if (calls.putIfAbsent(new Key(channelId, txId), call) != null) {
      throw new IllegalStateException(
          "transaction " + txId + " already has a request in flight on channel " + channelId);
    }
    // The stream may have ended before the call was registered: nobody else would fail it.
    ChaincodeException closed = closedBecause;
    if (closed != null) {
      call.completeExceptionally(closed);
    }
    return call;
  }

  void forget(String channelId, String txId) {
    calls.remove(new Key(channelId, txId));
  }

  /** Completes the call the reply answers; false if no call of that transaction is waiting. */
  boolean complete(ChaincodeMessage reply) {
    CompletableFuture<ChaincodeMessage> call =
        calls.remove(new Key(reply.getChannelId(), reply.getTxid()));
    if (call == null) {
      return false;
    }
    call.complete(reply);
    return true;
  }

  /** Fails every waiting call, and every later one. */
  void failAll(ChaincodeException reason) {
    closedBecause = reason;
    calls.values().forEach(call -> call.completeExceptionally(reason));
    calls.clear();
  }
}
