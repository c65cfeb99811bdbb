package dev.weft.interop;

import dev.weft.peer.testing.TestPeer;
import java.util.function.Predicate;

/**
 * Where a chaincode process connects to a peer, and how a test tells that it has registered.
 *
 * @param chaincodeAddress the peer's chaincode support address, {@code host:port}
 * @param registered whether a chaincode id has registered with the peer
 */
record PeerEndpoint(String chaincodeAddress, Predicate<String> registered) {

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
