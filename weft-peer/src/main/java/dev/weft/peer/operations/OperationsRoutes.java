package dev.weft.peer.operations;

import dev.weft.peer.json.Json;
import dev.weft.peer.metrics.MetricsRegistry;
import dev.weft.peer.metrics.PrometheusText;
import java.util.Collection;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the operations endpoint answers to a method and a path: {@code GET /healthz}, {@code GET
 * /metrics}, {@code GET /version}, and Weft's {@code GET /chaincodes} (the ids of the chaincodes
 * connected now, sorted: {@code {"chaincodes":["basic:1.0"]}}); 404 for any other path and 405 for
 * any other method.
 */
final class OperationsRoutes {

  static final String HEALTHZ = "/healthz";
  static final String METRICS = "/metrics";
  static final String VERSION = "/version";
  static final String CHAINCODES = "/chaincodes";

  private final MetricsRegistry metrics;
  private final HealthChecks health;
  private final VersionInfo version;
  private final Supplier<? extends Collection<String>> chaincodes;

  OperationsRoutes(
      MetricsRegistry metrics,
      HealthChecks health,
      VersionInfo version,
      Supplier<? extends Collection<String>> chaincodes) {
    this.metrics = metrics;
    this.health = health;
    this.version = version;
    this.chaincodes = chaincodes;
  }

  Response respond(String method, String path) {
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
