package dev.weft.peer.chaincode;

import java.util.Optional;

/**
 * A chaincode's committed definition on a channel, as far as running it is concerned.
 *
 * @param name the chaincode name
 * @param version the definition's version, which endorsements name in their ChaincodeAction
 * @param sequence the definition's sequence number
 * @param initRequired whether the first invocation must be an Init
 * @param packageId the installed package this peer runs for it, if any
 */
public record ChaincodeDefinition(
    String name, String version, long sequence, boolean initRequired, Optional<String> packageId) {}
