package dev.weft.peer.operations;

import dev.weft.peer.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The answer of {@code /healthz}, in the JSON shape of Fabric's health handler: {@code
 * {"status":"OK","time":"..."}}, or status {@code Service Unavailable} with the {@code
 * failed_checks} (HTTP 503). The time is RFC 3339 with as many fraction digits as needed, as Go
 * writes a {@code time.Time}.
 *
 * @param time when the checks ran
 * @param failedChecks the checks that failed, by component name
 */
record HealthStatus(Instant time, List<FailedCheck> failedChecks) {

  static final String OK = "OK";
  static final String UNAVAILABLE = "Service Unavailable";

  private static final DateTimeFormatter RFC3339_NANO =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .appendOffsetId()
          .toFormatter()
          .withZone(ZoneOffset.UTC);

  HealthStatus {
    failedChecks = List.copyOf(failedChecks);
  }

  boolean healthy() {
    return failedChecks.isEmpty();
  }

  String status() {
    return healthy() ? OK : UNAVAILABLE;
  }

  int httpStatus() {
    return healthy() ? 200 : 503;
  }

  String toJson() {
    StringBuilder json =
        new StringBuilder("{\"status\":")
            .append(Json.string(status()))
            .append(",\"time\":")
            .append(Json.string(RFC3339_NANO.format(time)));
    if (!healthy()) {
      json.append(",\"failed_checks\":[")
          .append(failedChecks.stream().map(FailedCheck::toJson).collect(Collectors.joining(",")))
          .append(']');
    }
    return json.append('}').toString();
  }
}
