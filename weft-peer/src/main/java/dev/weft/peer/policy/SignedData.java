package dev.weft.peer.policy;

import com.google.protobuf.ByteString;

/**
 * One signature to evaluate a policy with: the signed bytes, the signer's marshalled {@code
 * SerializedIdentity}, and the signature.
 *
 * @param data what was signed
 * @param identity the signer's serialized identity
 * @param signature the DER ECDSA signature
 */
public record SignedData(ByteString data, ByteString identity, ByteString signature) {}
