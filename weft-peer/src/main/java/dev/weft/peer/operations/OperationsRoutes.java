package dev.weft.peer.operations;

import dev.weft.peer.json.Json;
import dev.weft.peer.metrics.MetricsRegistry;
import dev.weft.peer.metrics.PrometheusText;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the operations endpoint answers to a method and a path: {@code GET /healthz}, {@code GET
 * /metrics}, {@code GET /version}, and Weft's {@code GET /chaincodes} (the ids of the chaincodes
 * connected now, sorted: {@code {"chaincodes":["basic:1.0"]}}) and {@code POST
 * /chaincodes/launch?channel=C&name=N} (launches a defined chaincode and answers when it is ready:
 * {@code {"chaincode":"<id>"}}, or 500 with {@code {"error":"…"}}); 404 for any other path and 405
 * for any other method.
 */
final class OperationsRoutes {

  static final String HEALTHZ = "/healthz";
  static final String METRICS = "/metrics";
  static final String VERSION = "/version";
  static final String CHAINCODES = "/chaincodes";
  static final String LAUNCH = "/chaincodes/launch";

  private final MetricsRegistry metrics;
  private final HealthChecks health;
  private final VersionInfo version;
  private final Supplier<? extends Collection<String>> chaincodes;
  private final ChaincodeLaunches launches;

  OperationsRoutes(
      MetricsRegistry metrics,
      HealthChecks health,
      VersionInfo version,
      Supplier<? extends Collection<String>> chaincodes,
      ChaincodeLaunches launches) {
    this.metrics = metrics;
    this.health = health;
    this.version = version;
    this.chaincodes = chaincodes;
    this.launches = launches;
  }

  /**
   * The answer to a request; only a launch completes later (it may build and start a chaincode), so
   * that it holds no server thread while it waits.
   */
  CompletableFuture<Response> respond(String method, String path, String query) {
    if (path.equals(LAUNCH)) {
      if (!method.equals("POST")) {
        return CompletableFuture.completedFuture(
            Response.text(405, "method " + method + " is not allowed on " + path + ": use POST\n"));
      }
      return launch(query);
    }
    return CompletableFuture.completedFuture(respond(method, path));
  }

  private CompletableFuture<Response> launch(String query) {
    Map<String, String> parameters = parameters(query);
    String channel = parameters.get("channel");
    String name = parameters.get("name");
    if (channel == null || channel.isEmpty() || name == null || name.isEmpty()) {
      return CompletableFuture.completedFuture(
          Response.json(
              400,
              "{\"error\":"
                  + Json.string("name the chaincode: " + LAUNCH + "?channel=CHANNEL&name=NAME")
                  + "}\n"));
    }
    CompletableFuture<String> launched;
    try {
      launched = launches.launch(channel, name);
    } catch (RuntimeException e) {
      launched = CompletableFuture.failedFuture(e);
    }
    return launched.handle(
        (id, failure) -> {
          if (failure == null) {
            return Response.json(200, "{\"chaincode\":" + Json.string(id) + "}\n");
          }
          Throwable cause =
              failure instanceof CompletionException && failure.getCause() != null
                  ? failure.getCause()
                  : failure;
          return Response.json(
              500, "{\"error\":" + Json.string(String.valueOf(cause.getMessage())) + "}\n");
        });
  }

  private static Map<String, String> parameters(String query) {
    Map<String, String> parameters = new HashMap<>();
    if (query == null || query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return parameters;
  }

  private Response respond(String method, String path) {
    if (!path.equals(HEALTHZ)
        && !path.equals(METRICS)
        && !path.equals(VERSION)
        && !path.equals(CHAINCODES)) {
      return Response.text(404, "404 page not found\n");
    }
    if (!method.equals("GET")) {
      return Response.text(405, "method " + method + " is not allowed on " + path + ": use GET\n");
    }
    return switch (path) {
      case HEALTHZ -> {
        HealthStatus status = health.run();
        yield Response.json(status.httpStatus(), status.toJson());
      }
      case METRICS ->
          new Response(200, PrometheusText.CONTENT_TYPE, PrometheusText.render(metrics));
      case CHAINCODES ->
          Response.json(
              200,
              chaincodes.get().stream()
                      .sorted()
                      .map(Json::string)
                      .collect(Collectors.joining(",", "{\"chaincodes\":[", "]}"))
                  + "\n");
      default -> Response.json(200, version.toJson());
    };
  }
}
