package dev.weft.peer.chaincode;

import dev.weft.peer.config.LaunchConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What chaincode support needs to launch installed packages.
 *
 * @param config the startup timeout and external builders
 * @param packages the installed packages
 * @param credentials issues each launched chaincode its TLS client credentials
 * @param mspId the peer's MSP id, given to chaincode as {@code CORE_PEER_LOCALMSPID}; may be empty
 * @param peerAddress {@code host:port} where launched chaincode reaches the chaincode listener,
 *     asked for at each launch (the listener may be bound after chaincode support is made)
 */
public record LaunchSettings(
    LaunchConfig config,
    InstalledPackages packages,
    ChaincodeCredentials credentials,
    String mspId,
    Supplier<String> peerAddress) {

  /** No installed packages: chaincode runs only in development mode. */
  public static LaunchSettings none() {
    return new LaunchSettings(
        new LaunchConfig(Duration.ofSeconds(300), List.of()),
        InstalledPackages.NONE,
        ChaincodeCredentials.NONE,
        "",
        () -> {
          throw new IllegalStateException("this peer launches no chaincode");
        });
  }
}
