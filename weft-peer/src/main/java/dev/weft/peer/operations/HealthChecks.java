package dev.weft.peer.operations;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health checks of {@code /healthz}, by component name, run one after the other in name order.
 * A check that throws has failed, with the exception as its reason.
 */
final class HealthChecks {

  private static final Logger log = LoggerFactory.getLogger(HealthChecks.class);

  private final Map<String, HealthCheck> checks;
  private final Clock clock;

  HealthChecks(Map<String, HealthCheck> checks, Clock clock) {
    this.checks = new TreeMap<>(checks);
    this.clock = clock;
  }

  HealthStatus run() {
    List<FailedCheck> failed = new ArrayList<>();
    checks.forEach(
        (component, check) -> {
          Optional<String> problem;
          try {
            problem = check.problem();
          } catch (RuntimeException e) {
            problem = Optional.of(String.valueOf(e));
          }
          problem.ifPresent(
              reason -> {
                log.warn("health check {} failed: {}", component, reason);
                failed.add(new FailedCheck(component, reason));
              });
        });
    return new HealthStatus(clock.instant(), failed);
  }
}
