package dev.weft.peer.operations;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.weft.peer.config.OperationsConfig;
import dev.weft.peer.config.Setting;
import dev.weft.peer.metrics.MetricsRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint: a small plain-HTTP server (the JDK's) for operators and monitoring,
 * separate from the peer's gRPC listeners as in Fabric. See {@link OperationsRoutes} for what it
 * answers.
 */
public final class OperationsServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OperationsServer.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private OperationsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving on {@code config.listenAddress()} (port 0: any free port).
   *
   * @param metrics what {@code /metrics} shows
   * @param checks what {@code /healthz} runs, by component name
   * @param version what {@code /version} shows
   * @param chaincodes what {@code /chaincodes} lists: the ids of the chaincodes connected now
   * @param launches what {@code POST /chaincodes/launch} asks to launch a chaincode
   * @param clock the time {@code /healthz} reports
   */
  public static OperationsServer start(
      OperationsConfig config,
      MetricsRegistry metrics,
      Map<String, HealthCheck> checks,
      VersionInfo version,
      Supplier<? extends Collection<String>> chaincodes,
      ChaincodeLaunches launches,
      Clock clock) {
    OperationsRoutes routes =
        new OperationsRoutes(
            metrics, new HealthChecks(checks, clock), version, chaincodes, launches);
    HttpServer server;
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(config.listenAddress().host(), config.listenAddress().port()),
              0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve the operations endpoint on "
              + config.listenAddress()
              + ": "
              + e.getMessage()
              + " (choose another address with "
              + Setting.OPERATIONS_LISTEN_ADDRESS.describe()
              + ")",
          e);
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "weft-operations-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", exchange -> answer(routes, exchange));
    server.start();
    return new OperationsServer(server, executor);
  }

  /** The address the server is bound to, with the actual port. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops accepting and closes the open connections. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void answer(OperationsRoutes routes, HttpExchange exchange) {
    CompletableFuture<Response> response;
    try {
      exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
      // A web page may POST across origins without asking first; no browser gets to launch.
      response =
          exchange.getRequestHeaders().containsKey("Origin")
                  && !exchange.getRequestMethod().equals("GET")
              ? CompletableFuture.completedFuture(
                  Response.text(403, "requests from web pages are refused\n"))
              : routes.respond(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestURI().getRawQuery());
    } catch (IOException | RuntimeException e) {
      response = CompletableFuture.failedFuture(e);
    }
    response.whenComplete((answer, failure) -> send(exchange, answer, failure));
  }

  private static void send(HttpExchange exchange, Response response, Throwable failure) {
    try {
      if (failure != null) {
        log.error("operations endpoint failed to answer {}", exchange.getRequestURI(), failure);
        response = Response.text(500, "internal error: " + failure + "\n");
      }
      byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      if (response.status() == 405) {
        exchange
            .getResponseHeaders()
            .set(
                "Allow",
                exchange.getRequestURI().getPath().equals(OperationsRoutes.LAUNCH)
                    ? "POST"
                    : "GET");
      }
      boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      log.debug("operations client went away before its answer: {}", e.toString());
    } finally {
      exchange.close();
    }
  }
}
