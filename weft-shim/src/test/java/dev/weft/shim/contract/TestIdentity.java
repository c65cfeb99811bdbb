package dev.weft.shim.contract;

import com.google.protobuf.ByteString;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** Creators (serialized identities with a fresh certificate) as a Fabric client would send. */
final class TestIdentity {

  private TestIdentity() {}

  /**
   * A creator of {@code mspId} whose certificate has {@code subject}, issued by {@code issuer},
   * with {@code attributesJson} as its Fabric CA attribute extension (none if null).
   */
  static byte[] creator(String mspId, String subject, String issuer, String attributesJson) {
    return SerializedIdentity.newBuilder()
        .setMspid(mspId)
        .setIdBytes(ByteString.copyFromUtf8(pem(subject, issuer, attributesJson)))
        .build()
        .toByteArray();
  }

  /** A PEM certificate; names are given most significant part first ({@code C=..,O=..,CN=..}). */
  static String pem(String subject, String issuer, String attributesJson) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      Instant now = Instant.now();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              new X500Name(issuer),
              BigInteger.valueOf(now.toEpochMilli()),
              Date.from(now.minus(Duration.ofMinutes(1))),
              Date.from(now.plus(Duration.ofHours(1))),
              new X500Name(subject),
              keys.getPublic());
      if (attributesJson != null) {
        // Fabric CA puts the JSON text itself in the extension value.
        builder.addExtension(
            new ASN1ObjectIdentifier(ClientIdentity.ATTRIBUTES_OID),
            false,
            attributesJson.getBytes(StandardCharsets.UTF_8));
      }
      StringWriter pem = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
        writer.writeObject(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      }
      return pem.toString();
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
