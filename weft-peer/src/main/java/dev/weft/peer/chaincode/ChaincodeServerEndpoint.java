package dev.weft.peer.chaincode;

import java.time.Duration;

/**
 * Where a chaincode that runs as a server (chaincode as a service) listens, and how the peer dials
 * it: the contents of a {@code connection.json}.
 *
 * @param address the server's {@code host:port}
 * @param dialTimeout how long to try to connect
 * @param tlsRequired whether the server speaks TLS
 * @param clientAuthRequired whether the server requires the peer's client certificate
 * @param clientKeyPem the peer's client key (PEM) when client authentication is required
 * @param clientCertPem the peer's client certificate (PEM) when client authentication is required
 * @param rootCertPem the CA certificate (PEM) the server's certificate must chain to
 */
public record ChaincodeServerEndpoint(
    String address,
    Duration dialTimeout,
    boolean tlsRequired,
    boolean clientAuthRequired,
    String clientKeyPem,
    String clientCertPem,
    String rootCertPem) {

  /** Fabric's dial timeout when {@code connection.json} gives none. */
  public static final Duration DEFAULT_DIAL_TIMEOUT = Duration.ofSeconds(3);

  /** Checks what Fabric checks before dialling. */
  public ChaincodeServerEndpoint {
    if (address == null || address.isEmpty()) {
      throw new IllegalArgumentException("chaincode address not provided");
    }
    if (dialTimeout == null || dialTimeout.isZero()) {
      dialTimeout = DEFAULT_DIAL_TIMEOUT;
    }
    if (tlsRequired) {
      if (clientAuthRequired && clientKeyPem.isEmpty()) {
        throw new IllegalArgumentException("chaincode tls key not provided");
      }
      if (clientAuthRequired && clientCertPem.isEmpty()) {
        throw new IllegalArgumentException("chaincode tls cert not provided");
      }
      if (rootCertPem.isEmpty()) {
        throw new IllegalArgumentException("chaincode tls root cert not provided");
      }
    }
  }

  @Override
  public String toString() {
    return "ChaincodeServerEndpoint[" + address + (tlsRequired ? ", TLS" : "") + "]";
  }
}
