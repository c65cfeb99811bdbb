package dev.weft.peer.config;

import java.time.Duration;

/**
 * How the peer talks to chaincode.
 *
 * @param listenAddress address of the chaincode support listener
 * @param executeTimeout how long one execution may take
 * @param keepalive interval of protocol KEEPALIVE messages; zero sends none
 * @param pingInterval interval of the listener's HTTP/2 pings on idle connections
 * @param pingTimeout how long a ping may go unanswered
 * @param minClientPingInterval the shortest ping interval allowed to chaincode
 * @param maxRecvMessageSize largest message accepted from chaincode, in bytes
 * @param maxSendMessageSize largest message sent to chaincode, in bytes
 * @param totalQueryLimit most results one query returns
 * @param runtimeParams what READY announces
 */
public record ChaincodeConfig(
    HostPort listenAddress,
    Duration executeTimeout,
    Duration keepalive,
    Duration pingInterval,
    Duration pingTimeout,
    Duration minClientPingInterval,
    int maxRecvMessageSize,
    int maxSendMessageSize,
    int totalQueryLimit,
    RuntimeParams runtimeParams) {

  public ChaincodeConfig {
    if (executeTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(
          Setting.CHAINCODE_EXECUTE_TIMEOUT.key() + " must be at least 1s, not " + executeTimeout);
    }
    requireNotNegative(keepalive, Setting.CHAINCODE_KEEPALIVE);
    requirePositive(pingInterval, Setting.CHAINCODE_PING_INTERVAL);
    requirePositive(pingTimeout, Setting.CHAINCODE_PING_TIMEOUT);
    requireNotNegative(minClientPingInterval, Setting.CHAINCODE_MIN_CLIENT_PING_INTERVAL);
    requirePositive(maxRecvMessageSize, Setting.CHAINCODE_MAX_RECV_MESSAGE_SIZE);
    requirePositive(maxSendMessageSize, Setting.CHAINCODE_MAX_SEND_MESSAGE_SIZE);
    requirePositive(totalQueryLimit, Setting.CHAINCODE_TOTAL_QUERY_LIMIT);
  }

  /** The same configuration with another listen address (tests use port 0). */
  public ChaincodeConfig withListenAddress(HostPort address) {
    return new ChaincodeConfig(
        address,
        executeTimeout,
        keepalive,
        pingInterval,
        pingTimeout,
        minClientPingInterval,
        maxRecvMessageSize,
        maxSendMessageSize,
        totalQueryLimit,
        runtimeParams);
  }

  /** The same configuration with another execute timeout. */
  public ChaincodeConfig withExecuteTimeout(Duration timeout) {
    return new ChaincodeConfig(
        listenAddress,
        timeout,
        keepalive,
        pingInterval,
        pingTimeout,
        minClientPingInterval,
        maxRecvMessageSize,
        maxSendMessageSize,
        totalQueryLimit,
        runtimeParams);
  }

  /** The same configuration with another total query limit. */
  public ChaincodeConfig withTotalQueryLimit(int limit) {
    return new ChaincodeConfig(
        listenAddress,
        executeTimeout,
        keepalive,
        pingInterval,
        pingTimeout,
        minClientPingInterval,
        maxRecvMessageSize,
        maxSendMessageSize,
        limit,
        runtimeParams);
  }

  private static void requireNotNegative(Duration value, Setting setting) {
    if (value.isNegative()) {
      throw new IllegalArgumentException(setting.key() + " must not be negative");
    }
  }

  private static void requirePositive(Duration value, Setting setting) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(setting.key() + " must be positive");
    }
  }

  private static void requirePositive(int value, Setting setting) {
    if (value <= 0) {
      throw new IllegalArgumentException(setting.key() + " must be positive, not " + value);
    }
  }
}
