package dev.weft.peer.operations;

import dev.weft.peer.metrics.MetricsRegistry;
import dev.weft.peer.metrics.PrometheusText;

/**
 * What the operations endpoint answers to a method and a path: {@code GET /healthz}, {@code GET
 * /metrics}, {@code GET /version}; 404 for any other path and 405 for any other method.
 */
final class OperationsRoutes {

  static final String HEALTHZ = "/healthz";
  static final String METRICS = "/metrics";
  static final String VERSION = "/version";

  private final MetricsRegistry metrics;
  private final HealthChecks health;
  private final VersionInfo version;

  OperationsRoutes(MetricsRegistry metrics, HealthChecks health, VersionInfo version) {
    this.metrics = metrics;
    this.health = health;
    this.version = version;
  }

  Response respond(String method, String path) {
    if (!path.equals(HEALTHZ) && !path.equals(METRICS) && !path.equals(VERSION)) {
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
      default -> Response.json(200, version.toJson());
    };
  }
}
