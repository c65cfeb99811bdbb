package dev.weft.peer.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The peer as a node of a network: where clients reach it, where it keeps its data, and who it is.
 *
 * @param listenAddress address of the client-facing server (protos.Endorser)
 * @param dataDirectory where the peer keeps its crypto material and channels; made absolute
 * @param mspId the MSP id of the peer's organisation
 * @param orgDomain the domain of the peer's organisation, as in cryptogen's layout
 * @param channelId the channel created on the peer's first start
 * @param authenticationTimeWindow how far a proposal's timestamp may be from the peer's clock
 * @param tlsEnabled whether the client-facing server and the chaincode listener speak TLS, with the
 *     peer's TLS certificate (the chaincode listener then requires the client certificates the peer
 *     issues to the chaincode it launches)
 */
public record NodeConfig(
    HostPort listenAddress,
    Path dataDirectory,
    String mspId,
    String orgDomain,
    String channelId,
    Duration authenticationTimeWindow,
    boolean tlsEnabled) {

  public NodeConfig {
    // Absolute once, here: chaincode processes and builders run in directories of their own and
    // must find the files the peer names to them.
    dataDirectory = dataDirectory.toAbsolutePath().normalize();
    if (mspId.isBlank()) {
      throw new IllegalArgumentException(Setting.PEER_MSP_ID.key() + " must not be empty");
    }
    if (orgDomain.isBlank()) {
      throw new IllegalArgumentException(Setting.PEER_ORG_DOMAIN.key() + " must not be empty");
    }
    if (!channelId.matches("[a-z][a-z0-9.-]{0,248}")) {
      throw new IllegalArgumentException(
          Setting.PEER_CHANNEL.key()
              + " '"
              + channelId
              + "' is not a valid channel name (lowercase letters, digits, '.' and '-', starting"
              + " with a letter)");
    }
    if (authenticationTimeWindow.isNegative() || authenticationTimeWindow.isZero()) {
      throw new IllegalArgumentException(
          Setting.PEER_AUTHENTICATION_TIME_WINDOW.key() + " must be positive");
    }
  }

  /** The same configuration with another listen address (tests use port 0). */
  public NodeConfig withListenAddress(HostPort address) {
    return new NodeConfig(
        address, dataDirectory, mspId, orgDomain, channelId, authenticationTimeWindow, tlsEnabled);
  }

  /** The same configuration with another data directory (tests use a temporary one). */
  public NodeConfig withDataDirectory(Path directory) {
    return new NodeConfig(
        listenAddress,
        directory,
        mspId,
        orgDomain,
        channelId,
        authenticationTimeWindow,
        tlsEnabled);
  }
}
