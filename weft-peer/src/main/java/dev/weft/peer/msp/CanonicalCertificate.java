package dev.weft.peer.msp;

import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The canonical form of an X.509 certificate, as Fabric's MSP keeps certificates: an ECDSA
 * signature with a high S is rewritten to its low-S twin ({@code n - s}). Both forms verify, so
 * without this one key could appear as two identities (two ids, two signers for a policy).
 */
final class CanonicalCertificate {

  private CanonicalCertificate() {}

  /**
   * The certificate's DER with a low-S signature; the same bytes if it already has one or is not
   * signed with ECDSA-SHA256 on P-256 (the only curve Weft's MSP accepts).
   */
  static byte[] of(byte[] der) {
    Certificate certificate;
    try {
      certificate = Certificate.getInstance(der);
    } catch (IllegalArgumentException e) {
      return der; // not a certificate: parsing reports it
    }
    if (certificate == null
        || !X9ObjectIdentifiers.ecdsa_with_SHA256.equals(
            certificate.getSignatureAlgorithm().getAlgorithm())) {
      return der;
    }
    byte[] signature = certificate.getSignature().getOctets();
    BigInteger[] rs = Ecdsa.decode(signature);
    if (rs == null || Ecdsa.isLowS(signature)) {
      return der;
    }
    ASN1EncodableVector fields = new ASN1EncodableVector(3);
    fields.add(certificate.getTBSCertificate());
    fields.add(certificate.getSignatureAlgorithm());
    fields.add(new DERBitString(Ecdsa.encode(rs[0], Ecdsa.P256.getN().subtract(rs[1]))));
    try {
      return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new MspException("cannot re-encode certificate", e);
    }
  }
}
