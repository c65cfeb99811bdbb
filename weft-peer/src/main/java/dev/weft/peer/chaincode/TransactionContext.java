package dev.weft.peer.chaincode;

import dev.weft.peer.ledger.TxSimulator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/**
 * One chaincode's execution of one transaction on one channel, from the TRANSACTION (or INIT) the
 * peer sent until the chaincode's COMPLETED or ERROR, a timeout, or the end of the stream.
 *
 * <p>The chaincode's requests for this transaction run one at a time, in arrival order, on this
 * context's queue: the simulator is not thread-safe, and a cross-chaincode call keeps the queue
 * busy until the callee answers. The final message goes through the same queue, so the simulation
 * results include every request that arrived before it.
 */
final class TransactionContext {

  private final String chaincodeId;
  private final String namespace;
  private final InvocationScope scope;
  private final boolean init;
  private final CompletableFuture<ChaincodeMessage> outcome = new CompletableFuture<>();
  private final Map<String, OpenQuery> queries = new ConcurrentHashMap<>();
  private CompletableFuture<Void> queueTail = CompletableFuture.completedFuture(null);

  TransactionContext(String chaincodeId, String namespace, InvocationScope scope, boolean init) {
    this.chaincodeId = chaincodeId;
    this.namespace = namespace;
    this.scope = scope;
    this.init = init;
  }

  String chaincodeId() {
    return chaincodeId;
  }

  /** The namespace of the chaincode's state: its name. */
  String namespace() {
    return namespace;
  }

  String channelId() {
    return scope.channelId();
  }

  String txId() {
    return scope.txId();
  }

  InvocationScope scope() {
    return scope;
  }

  TxSimulator simulator() {
    return scope.simulator();
  }

  boolean isInit() {
    return init;
  }

  /** Completes with the chaincode's COMPLETED or ERROR, or fails. */
  CompletableFuture<ChaincodeMessage> outcome() {
    return outcome;
  }

  boolean ended() {
    return outcome.isDone();
  }

  /**
   * Runs {@code work} after every earlier piece of work of this transaction has finished; when the
   * queue is idle it runs at once on the calling thread.
   */
  <T> CompletableFuture<T> enqueue(Supplier<CompletableFuture<T>> work) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletableFuture<Void> previous;
    synchronized (this) {
      previous = queueTail;
      queueTail = done;
    }
    return previous
        .thenCompose(ignored -> start(work))
        .whenComplete((result, failure) -> done.complete(null));
  }

  private static <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Ends the execution with the chaincode's final message. */
  void finish(ChaincodeMessage message) {
    outcome.complete(message);
  }

  /**
   * Ends the execution with a failure; the chaincode's late messages are then dropped. Returns
   * whether this ended it (false if it had already ended).
   */
  boolean fail(ChaincodeException failure) {
    return outcome.completeExceptionally(failure);
  }

  void openQuery(String id, OpenQuery query) {
    queries.put(id, query);
  }

  OpenQuery query(String id) {
    return queries.get(id);
  }

  /** Closes and forgets a query; unknown ids are fine. */
  void closeQuery(String id) {
    OpenQuery query = queries.remove(id);
    if (query != null) {
      query.iterator.close();
    }
  }

  /** Forgets a query whose iterator was already closed. */
  void forgetQuery(String id) {
    queries.remove(id);
  }

  void closeAllQueries() {
    queries.keySet().forEach(this::closeQuery);
  }
}
