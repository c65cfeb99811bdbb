package dev.weft.shim.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Test;

class ClientIdentityTest {

  @Test
  void theCreatorGivesMspIdFabricStyleIdAndFabricCaAttributes() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    // Names in certificate order (most significant first), as Fabric's CAs issue them.
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            new X500Name("O=org1.example.com,CN=ca.org1.example.com"),
            BigInteger.ONE,
            new Date(System.currentTimeMillis() - 60_000),
            new Date(System.currentTimeMillis() + 3_600_000),
            new X500Name("O=org1.example.com,OU=client,CN=User1"),
            keys.getPublic());
    byte[] attrs =
        "{\"attrs\":{\"role\":\"auditor\",\"hf.EnrollmentID\":\"User1\"}}"
            .getBytes(StandardCharsets.UTF_8);
    // Fabric CA puts the JSON itself in the extension value.
    builder.addExtension(new ASN1ObjectIdentifier("1.2.3.4.5.6.7.8.1"), false, attrs);
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }
    byte[] creator =
        SerializedIdentity.newBuilder()
            .setMspid("Org1MSP")
            .setIdBytes(ByteString.copyFromUtf8(pem.toString()))
            .build()
            .toByteArray();

    ClientIdentity identity = ClientIdentity.of(creator);

    assertThat(identity.mspId()).isEqualTo("Org1MSP");
    assertThat(identity.id())
        .isEqualTo(
            "x509::CN=User1, OU=client, O=org1.example.com::CN=ca.org1.example.com,"
                + " O=org1.example.com");
    assertThat(identity.attribute("role")).contains("auditor");
    assertThat(identity.assertAttributeValue("hf.EnrollmentID", "User1")).isTrue();
    assertThat(identity.assertAttributeValue("role", "admin")).isFalse();
    assertThat(identity.attribute("missing")).isEmpty();
  }
}
