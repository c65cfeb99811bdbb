package dev.weft.peer.msp;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.operator.ContentSigner;

/**
 * Signs certificates with ecdsa-with-SHA256 and low-S signatures, as cryptogen's CA signer does
 * (Fabric re-encodes high-S certificate signatures when it loads them, which changes their bytes).
 */
final class LowSContentSigner implements ContentSigner {

  private static final AlgorithmIdentifier ECDSA_WITH_SHA256 =
      new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

  private final ECPrivateKeyParameters key;
  private final ByteArrayOutputStream content = new ByteArrayOutputStream();

  LowSContentSigner(ECPrivateKeyParameters key) {
    this.key = key;
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return ECDSA_WITH_SHA256;
  }

  @Override
  public OutputStream getOutputStream() {
    return content;
  }

  @Override
  public byte[] getSignature() {
    return Ecdsa.sign(key, content.toByteArray());
  }
}
