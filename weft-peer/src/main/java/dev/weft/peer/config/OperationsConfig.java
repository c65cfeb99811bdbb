package dev.weft.peer.config;

/**
 * The operations endpoint ({@code /healthz}, {@code /metrics}, {@code /version}).
 *
 * @param listenAddress where it serves plain HTTP
 */
public record OperationsConfig(HostPort listenAddress) {

  /** The same configuration with another listen address (tests use port 0). */
  public OperationsConfig withListenAddress(HostPort address) {
    return new OperationsConfig(address);
  }
}
