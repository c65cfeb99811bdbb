package dev.weft.peer.operations;

import dev.weft.peer.json.Json;

/**
 * A health check that failed.
 *
 * @param component the component checked, e.g. {@code ledger}
 * @param reason what is wrong
 */
record FailedCheck(String component, String reason) {

  String toJson() {
    return "{\"component\":" + Json.string(component) + ",\"reason\":" + Json.string(reason) + "}";
  }
}
