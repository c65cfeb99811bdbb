/**
 * The operations endpoint, plain HTTP as Fabric's: {@code GET /healthz} (the health checks the node
 * passes in, answered in Fabric's JSON shape, 503 when one fails), {@code GET /metrics} (the peer's
 * metrics in Prometheus' text format) and {@code GET /version}. It uses only the metrics registry
 * and the configuration; what it checks is given to it as {@link
 * dev.weft.peer.operations.HealthCheck}s.
 */
package dev.weft.peer.operations;
