package dev.weft.peer.chaincode;

import java.util.Optional;

/**
 * TLS client credentials the peer issues to each chaincode it launches, so that the chaincode
 * listener can tell which chaincode a connection belongs to.
 */
public interface ChaincodeCredentials {

  /** The chaincode listener has no TLS: no credentials. */
  ChaincodeCredentials NONE = chaincodeId -> Optional.empty();

  /**
   * New client credentials for a chaincode the peer is about to launch as {@code chaincodeId};
   * empty when the chaincode listener has no TLS.
   */
  Optional<ChaincodeTlsCredentials> issue(String chaincodeId);
}
