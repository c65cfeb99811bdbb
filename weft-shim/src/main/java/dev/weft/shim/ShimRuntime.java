package dev.weft.shim;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chaincode connected in the mode its settings select, with the threads its transactions run on.
 * Transactions run concurrently, each on its own thread from a pool that grows with the load and
 * never rejects work (Fabric's Java shim uses 5 threads and a bounded queue by default).
 */
final class ShimRuntime implements AutoCloseable {

  private final ExecutorService transactions;
  private final PeerClient client;
  private final ChaincodeServer server;

  private ShimRuntime(ExecutorService transactions, PeerClient client, ChaincodeServer server) {
    this.transactions = transactions;
    this.client = client;
    this.server = server;
  }

  static ShimRuntime start(ShimSettings settings, Chaincode chaincode) {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService transactions =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "weft-shim-tx-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      if (settings.isServer()) {
        return new ShimRuntime(
            transactions, null, ChaincodeServer.start(settings, chaincode, transactions));
      }
      return new ShimRuntime(
          transactions, PeerClient.connect(settings, chaincode, transactions), null);
    } catch (RuntimeException e) {
      transactions.shutdownNow();
      throw e;
    }
  }

  /** The client-mode handler, null in server mode. */
  ChaincodeHandler clientHandler() {
    return client == null ? null : client.handler();
  }

  /** The server, null in client mode. */
  ChaincodeServer server() {
    return server;
  }

  /**
   * Completes when the chaincode can no longer serve: in client mode when its stream ends (with the
   * reason), in server mode never before {@link #close}.
   */
  CompletableFuture<Void> terminated() {
    return client != null ? client.handler().terminated() : new CompletableFuture<>();
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    transactions.shutdown();
    try {
      transactions.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
