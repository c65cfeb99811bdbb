package dev.weft.shim.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.google.protobuf.ByteString;
import dev.weft.shim.ChaincodeException;
import dev.weft.shim.testing.InMemoryStub;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Test;

class ClientIdentityTest {

  private static final String USER = "C=US,ST=North Carolina,O=Hyperledger,OU=client,CN=User1";
  private static final String CA = "C=US,O=org1.example.com,CN=ca.org1.example.com";

  @Test
  void theCreatorGivesTheMspIdAndTheCertificate() throws Exception {
    String pem = TestIdentity.pem(USER, CA, null);
    byte[] creator =
        SerializedIdentity.newBuilder()
            .setMspid("Org1MSP")
            .setIdBytes(ByteString.copyFromUtf8(pem))
            .build()
            .toByteArray();

    ClientIdentity identity = ClientIdentity.of(creator);

    assertThat(identity.mspId()).isEqualTo("Org1MSP");
    assertThat(identity.certificate())
        .isEqualTo(
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void theIdIsSubjectAndIssuerInTheFormOfFabricsJavaShim() {
    ClientIdentity identity = ClientIdentity.of(TestIdentity.creator("Org1MSP", USER, CA, null));

    assertThat(identity.id())
        .isEqualTo(
            "x509::CN=User1, OU=client, O=Hyperledger, ST=North Carolina, C=US"
                + "::CN=ca.org1.example.com, O=org1.example.com, C=US");
  }

  @Test
  @SuppressWarnings("deprecation") // getSubjectDN() is what Fabric's Java shim calls
  void theIdMatchesTheDeprecatedDistinguishedNamesEvenForUnusualAttributes() {
    ClientIdentity identity =
        ClientIdentity.of(
            TestIdentity.creator(
                "Org1MSP", "DC=com,UID=u1,E=a@b.c,SERIALNUMBER=7,OU=x+OU=y,CN=a\\,b", CA, null));
    X509Certificate certificate = identity.certificate();

    assertThat(identity.id())
        .isEqualTo(
            "x509::"
                + certificate.getSubjectDN().getName()
                + "::"
                + certificate.getIssuerDN().getName());
  }

  @Test
  void fabricCaAttributesAreReadAndAsserted() {
    ClientIdentity identity =
        ClientIdentity.of(
            TestIdentity.creator(
                "Org1MSP",
                USER,
                CA,
                "{\"attrs\":{\"hf.EnrollmentID\":\"User1\",\"role\":\"auditor\"}}"));

    assertThat(identity.attributes())
        .containsExactly(entry("hf.EnrollmentID", "User1"), entry("role", "auditor"));
    assertThat(identity.attribute("role")).contains("auditor");
    assertThat(identity.attribute("missing")).isEmpty();
    assertThat(identity.assertAttributeValue("role", "auditor")).isTrue();
    assertThat(identity.assertAttributeValue("role", "admin")).isFalse();
    assertThat(identity.assertAttributeValue("missing", "auditor")).isFalse();
  }

  @Test
  void aCertificateWithoutTheAttributeExtensionHasNoAttributes() {
    ClientIdentity identity = ClientIdentity.of(TestIdentity.creator("Org1MSP", USER, CA, null));

    assertThat(identity.attributes()).isEmpty();
  }

  @Test
  void anAttributeExtensionThatIsNotJsonIsReported() {
    byte[] creator = TestIdentity.creator("Org1MSP", USER, CA, "not json");

    assertThatThrownBy(() -> ClientIdentity.of(creator))
        .isInstanceOf(ChaincodeException.class)
        .hasMessageStartingWith("the certificate's attribute extension is not valid");
  }

  @Test
  void aCreatorWithoutACertificateIsReportedWithItsMsp() {
    byte[] idemixLike =
        SerializedIdentity.newBuilder()
            .setMspid("IdemixMSP")
            .setIdBytes(ByteString.copyFromUtf8("not a certificate"))
            .build()
            .toByteArray();

    assertThatThrownBy(() -> ClientIdentity.of(idemixLike))
        .isInstanceOf(ChaincodeException.class)
        .hasMessageStartingWith("the creator of MSP 'IdemixMSP' holds no X.509 certificate");
  }

  @Test
  void bytesThatAreNotASerializedIdentityAreReported() {
    assertThatThrownBy(() -> ClientIdentity.of(new byte[] {(byte) 0xff, 0x01}))
        .isInstanceOf(ChaincodeException.class)
        .hasMessageStartingWith("the creator is not a serialized identity");
  }

  @Test
  void theContextDecodesTheCreatorOnlyWhenAskedAndThenOnce() {
    // No creator: a context is still made, and fails only when the identity is asked for.
    Context anonymous = new Context(InMemoryStub.of("f"));
    assertThatThrownBy(anonymous::clientIdentity).isInstanceOf(ChaincodeException.class);

    Context ctx =
        new Context(
            InMemoryStub.of("f").withCreator(TestIdentity.creator("Org2MSP", USER, CA, null)));

    assertThat(ctx.clientIdentity().mspId()).isEqualTo("Org2MSP");
    assertThat(ctx.clientIdentity()).isSameAs(ctx.clientIdentity());
  }
}
