package dev.weft.peer.msp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.junit.jupiter.api.Test;

class EcdsaTest {

  private final AsymmetricCipherKeyPair keys = CertificateAuthority.newKeyPair();
  private final ECPrivateKeyParameters privateKey = (ECPrivateKeyParameters) keys.getPrivate();
  private final ECPublicKeyParameters publicKey = (ECPublicKeyParameters) keys.getPublic();
  private final byte[] data = "the proposal".getBytes(StandardCharsets.UTF_8);

  @Test
  void aSignatureIsLowSDerThatTheJdkVerifies() throws Exception {
    for (int i = 0; i < 20; i++) {
      byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
      byte[] signature = Ecdsa.sign(privateKey, message);
      assertThat(Ecdsa.isLowS(signature)).isTrue();
      Signature jdk = Signature.getInstance("SHA256withECDSA");
      jdk.initVerify(jdkKey());
      jdk.update(message);
      assertThat(jdk.verify(signature)).isTrue();
      assertThat(Ecdsa.verify(publicKey, message, signature)).isTrue();
    }
  }

  @Test
  void theHighSTwinOfAValidSignatureIsRejectedAsFabricRejectsIt() throws Exception {
    byte[] signature = Ecdsa.sign(privateKey, data);
    ASN1Sequence seq = ASN1Sequence.getInstance(signature);
    BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
    BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
    byte[] highS = Ecdsa.encode(r, Ecdsa.P256.getN().subtract(s));
    Signature jdk = Signature.getInstance("SHA256withECDSA");
    jdk.initVerify(jdkKey());
    jdk.update(data);
    assertThat(jdk.verify(highS)).as("mathematically valid").isTrue();
    assertThat(Ecdsa.verify(publicKey, data, highS)).isFalse();
  }

  @Test
  void aSignatureOfOtherDataOrByAnotherKeyOrMalformedDoesNotVerify() {
    byte[] signature = Ecdsa.sign(privateKey, data);
    ECPublicKeyParameters other =
        (ECPublicKeyParameters) CertificateAuthority.newKeyPair().getPublic();
    assertThat(Ecdsa.verify(publicKey, "other".getBytes(StandardCharsets.UTF_8), signature))
        .isFalse();
    assertThat(Ecdsa.verify(other, data, signature)).isFalse();
    assertThat(Ecdsa.verify(publicKey, data, new byte[] {0x30, 0x00})).isFalse();
    assertThat(Ecdsa.verify(publicKey, data, "not DER".getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  @Test
  void signaturesAreParsedAsGoParsesThemForFabricStrictDerWithTrailingBytesIgnored() {
    byte[] signature = Ecdsa.sign(privateKey, data);
    // Go's asn1.Unmarshal ignores what follows the signature, so Fabric accepts it: so must Weft.
    byte[] trailing = java.util.Arrays.copyOf(signature, signature.length + 2);
    assertThat(Ecdsa.verify(publicKey, data, trailing)).isTrue();
    // A BER long-form length (0x81 nn) for the same sequence is not DER: Go rejects it.
    byte[] longForm = new byte[signature.length + 1];
    longForm[0] = 0x30;
    longForm[1] = (byte) 0x81;
    longForm[2] = signature[1];
    System.arraycopy(signature, 2, longForm, 3, signature.length - 2);
    assertThat(Ecdsa.verify(publicKey, data, longForm)).isFalse();
    // Nor is a zero-padded integer (r encoded with one byte too many).
    ASN1Sequence seq = ASN1Sequence.getInstance(signature);
    byte[] r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue().toByteArray();
    byte[] s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue().toByteArray();
    byte[] padded = new byte[6 + r.length + 1 + s.length];
    padded[0] = 0x30;
    padded[1] = (byte) (padded.length - 2);
    padded[2] = 0x02;
    padded[3] = (byte) (r.length + 1);
    System.arraycopy(r, 0, padded, 5, r.length);
    padded[5 + r.length] = 0x02;
    padded[6 + r.length] = (byte) s.length;
    System.arraycopy(s, 0, padded, 7 + r.length, s.length);
    assertThat(Ecdsa.verify(publicKey, data, java.util.Arrays.copyOf(padded, padded.length)))
        .isFalse();
  }

  private PublicKey jdkKey() throws Exception {
    return KeyFactory.getInstance("EC")
        .generatePublic(
            new X509EncodedKeySpec(
                SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey).getEncoded()));
  }
}
