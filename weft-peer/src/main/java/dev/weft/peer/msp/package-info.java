/**
 * Identities as Fabric's X.509 MSPs define them: organisations' membership read from Fabric's MSP
 * folder layout or from a channel's {@code FabricMSPConfig}, identities deserialised from {@code
 * SerializedIdentity}, certificate chain validation against the organisation's CAs, NodeOU roles,
 * ECDSA P-256 / SHA-256 signatures with Fabric's low-S rule, the peer's signing identity, and the
 * generator of crypto material in the layout of Fabric's {@code cryptogen}.
 *
 * <p>Signature checks dominate the cost of endorsement and commit, so an identity's public key is
 * decoded once and kept with the identity, and identities are cached by their serialized bytes.
 */
package dev.weft.peer.msp;
