package dev.weft.peer.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/**
 * Signs as a Fabric SDK does, independently of Weft's code: the JDK's SHA256withECDSA with the
 * PKCS#8 key of an MSP keystore, normalised to low S.
 */
public final class JdkSigner implements UnaryOperator<byte[]> {

  private final PrivateKey key;
  private final BigInteger order;

  private JdkSigner(PrivateKey key) {
    this.key = key;
    this.order = ((ECPrivateKey) key).getParams().getOrder();
  }

  /** The signer of {@code msp/keystore/priv_sk}. */
  public static JdkSigner fromKeystore(Path mspDirectory) {
    try {
      String pem =
          Files.readString(mspDirectory.resolve("keystore/priv_sk"), StandardCharsets.US_ASCII);
      String body =
          pem.replace("-----BEGIN PRIVATE KEY-----", "")
              .replace("-----END PRIVATE KEY-----", "")
              .replaceAll("\\s", "");
      return new JdkSigner(
          KeyFactory.getInstance("EC")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body))));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the key of " + mspDirectory, e);
    }
  }

  @Override
  public byte[] apply(byte[] data) {
    try {
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initSign(key);
      signature.update(data);
      ASN1Sequence rs = ASN1Sequence.getInstance(signature.sign());
      BigInteger r = ASN1Integer.getInstance(rs.getObjectAt(0)).getValue();
      BigInteger s = ASN1Integer.getInstance(rs.getObjectAt(1)).getValue();
      if (s.compareTo(order.shiftRight(1)) > 0) {
        s = order.subtract(s);
      }
      ASN1EncodableVector v = new ASN1EncodableVector();
      v.add(new ASN1Integer(r));
      v.add(new ASN1Integer(s));
      return new DERSequence(v).getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
