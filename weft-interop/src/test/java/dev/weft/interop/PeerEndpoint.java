package dev.weft.interop;

import dev.weft.peer.testing.TestPeer;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where a chaincode process connects to a peer, and how a test tells that it has registered.
 *
 * @param chaincodeAddress the peer's chaincode support address, {@code host:port}
 * @param registered whether a chaincode id has registered with the peer
 * @param environment what a chaincode's environment needs beyond the id and address (TLS material)
 */
record PeerEndpoint(
    String chaincodeAddress, Predicate<String> registered, Map<String, String> environment) {

  /** A plaintext endpoint: the chaincode runs with TLS off. */
  PeerEndpoint(String chaincodeAddress, Predicate<String> registered) {
    this(chaincodeAddress, registered, Map.of());
  }

  /** A peer running in this JVM, whose chaincode support is asked directly. */
  static PeerEndpoint of(TestPeer peer) {
    return new PeerEndpoint(
        peer.chaincodeAddressText(),
        id -> peer.chaincodeSupport().registeredChaincodes().contains(id));
  }

  boolean hasRegistered(String chaincodeId) {
    return registered.test(chaincodeId);
  }
}
