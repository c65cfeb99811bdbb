package dev.weft.shim.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.shim.ChaincodeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The identity that created a proposal, for access control in transaction functions: its
 * organisation's MSP id, its X.509 certificate, and the attributes Fabric CA put in the certificate
 * (extension {@code 1.2.3.4.5.6.7.8.1}, a JSON object {@code {"attrs":{"name":"value",...}}}).
 *
 * @param mspId the MSP id of the client's organisation
 * @param certificate the client's certificate
 * @param attributes the certificate's Fabric CA attributes by name, in the certificate's order
 */
public record ClientIdentity(
    String mspId, X509Certificate certificate, Map<String, String> attributes) {

  /** The certificate extension in which Fabric CA stores attributes. */
  public static final String ATTRIBUTES_OID = "1.2.3.4.5.6.7.8.1";

  // An ObjectReader, unlike an ObjectMapper, cannot be reconfigured: safe to share.
  private static final ObjectReader JSON = new ObjectMapper().reader();

  /** Checks the parts are present and keeps an unmodifiable copy of the attributes. */
  public ClientIdentity {
    Objects.requireNonNull(mspId, "mspId");
    Objects.requireNonNull(certificate, "certificate");
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /**
   * Decodes a proposal's creator ({@link dev.weft.shim.ChaincodeStub#getCreator()}): a serialized
   * identity holding an MSP id and a PEM certificate.
   *
   * @throws ChaincodeException if the creator is not a serialized identity with an X.509
   *     certificate (an Idemix identity, for instance), or its attribute extension is not valid
   */
  public static ClientIdentity of(byte[] creator) {
    SerializedIdentity identity;
    try {
      identity = SerializedIdentity.parseFrom(creator);
    } catch (InvalidProtocolBufferException e) {
      throw new ChaincodeException("the creator is not a serialized identity: " + e.getMessage());
    }
    X509Certificate certificate;
    try {
      certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(identity.getIdBytes().toByteArray()));
    } catch (CertificateException | ClassCastException e) {
      throw new ChaincodeException(
          "the creator of MSP '"
              + identity.getMspid()
              + "' holds no X.509 certificate: "
              + e.getMessage());
    }
    return new ClientIdentity(identity.getMspid(), certificate, attributesOf(certificate));
  }

  /**
   * A unique id of the client within its MSP, {@code x509::<subject DN>::<issuer DN>}, exactly as
   * Fabric's Java shim forms it (for instance {@code x509::CN=User1, OU=client, O=Org1::CN=ca,
   * O=Org1}), so that ids stored by a chaincode on Fabric's Java shim still match. Fabric's Go shim
   * ({@code cid.GetID}) gives a different string: RFC 2253 names, base64-encoded.
   */
  public String id() {
    // X500Principal.toString() is the form X509Certificate.getSubjectDN().getName() gives (which
    // Fabric's Java shim uses), without that method's deprecation.
    return "x509::"
        + certificate.getSubjectX500Principal()
        + "::"
        + certificate.getIssuerX500Principal();
  }

  /** The value of the attribute {@code name}, empty if the certificate has none. */
  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /**
   * Whether the certificate has the attribute {@code name} with exactly the value {@code value}.
   */
  public boolean assertAttributeValue(String name, String value) {
    return value.equals(attributes.get(name));
  }

  private static Map<String, String> attributesOf(X509Certificate certificate) {
    byte[] extension = certificate.getExtensionValue(ATTRIBUTES_OID);
    if (extension == null) {
      return Map.of();
    }
    try {
      JsonNode attrs = JSON.readTree(octetStringContent(extension)).path("attrs");
      Map<String, String> values = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> attr : attrs.properties()) {
        JsonNode value = attr.getValue();
        values.put(attr.getKey(), value.isValueNode() ? value.asText() : value.toString());
      }
      return values;
    } catch (IOException | IllegalArgumentException e) {
      throw new ChaincodeException(
          "the certificate's attribute extension is not valid: " + e.getMessage());
    }
  }

  /** The content of a DER OCTET STRING, the form {@code getExtensionValue} returns. */
  private static byte[] octetStringContent(byte[] der) {
    if (der.length < 2 || der[0] != 0x04) {
      throw new IllegalArgumentException("not a DER octet string");
    }
    int length = der[1] & 0xff;
    int offset = 2;
    if (length > 0x7f) {
      int lengthBytes = length & 0x7f;
      if (lengthBytes > 3 || offset + lengthBytes > der.length) {
        throw new IllegalArgumentException("bad DER length");
      }
      length = 0;
      for (int i = 0; i < lengthBytes; i++) {
        length = (length << 8) | (der[offset++] & 0xff);
      }
    }
    if (offset + length > der.length) {
      throw new IllegalArgumentException("truncated DER octet string");
    }
    byte[] content = new byte[length];
    System.arraycopy(der, offset, content, 0, length);
    return content;
  }
}
