package dev.weft.peer.operations;

import java.util.Optional;

/** One component's health, as {@code /healthz} reports it. */
@FunctionalInterface
public interface HealthCheck {

  /**
   * Empty while the component is healthy; otherwise what is wrong, in a sentence an operator
   * understands. Called on each {@code /healthz} request: it should be quick.
   */
  Optional<String> problem();
}
