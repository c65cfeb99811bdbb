package dev.weft.shim.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The identity that created a proposal: its organisation's MSP id, its X.509 certificate, and the
 * attributes Fabric CA put in the certificate (extension {@code 1.2.3.4.5.6.7.8.1}, JSON {@code
 * {"attrs":{...}}}), for access control in transaction functions.
 */
public final class ClientIdentity {

  /** The certificate extension in which Fabric CA stores attributes. */
  static final String ATTRIBUTES_OID = "1.2.3.4.5.6.7.8.1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String mspId;
  private final X509Certificate certificate;
  private final Map<String, String> attributes;

  private ClientIdentity(
      String mspId, X509Certificate certificate, Map<String, String> attributes) {
    this.mspId = mspId;
    this.certificate = certificate;
    this.attributes = attributes;
  }

  /** Decodes a creator: a serialized identity holding an MSP id and a PEM certificate. */
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
          "the creator of MSP "
              + identity.getMspid()
              + " holds no X.509 certificate: "
              + e.getMessage());
    }
    return new ClientIdentity(identity.getMspid(), certificate, attributes(certificate));
  }

  /** The MSP id of the client's organisation. */
  public String mspId() {
    return mspId;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** {@code x509::<subject DN>::<issuer DN>}, the form Fabric's Java shim gives. */
  public String id() {
    return "x509::"
        + certificate.getSubjectX500Principal().getName(X500Principal.RFC1779)
        + "::"
        + certificate.getIssuerX500Principal().getName(X500Principal.RFC1779);
  }

  /** Every attribute in the certificate. */
  public Map<String, String> attributes() {
    return attributes;
  }

  /** An attribute's value, if the certificate has it. */
  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /** Whether the certificate has the attribute with exactly this value. */
  public boolean assertAttributeValue(String name, String value) {
    return value.equals(attributes.get(name));
  }

  private static Map<String, String> attributes(X509Certificate certificate) {
    byte[] extension = certificate.getExtensionValue(ATTRIBUTES_OID);
    if (extension == null) {
      return Map.of();
    }
    try {
      JsonNode attrs = JSON.readTree(octetStringContent(extension)).path("attrs");
      Map<String, String> values = new LinkedHashMap<>();
      attrs
          .fields()
          .forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
      return Collections.unmodifiableMap(values);
    } catch (IOException | IllegalArgumentException e) {
      throw new ChaincodeException("the certificate's attribute extension is not valid: " + e);
    }
  }

  /** The content of a DER OCTET STRING (the form {@code getExtensionValue} returns). */
  private static byte[] octetStringContent(byte[] der) {
    if (der.length < 2 || der[0] != 0x04) {
      throw new IllegalArgumentException("not a DER octet string");
    }
    int length = der[1] & 0xff;
    int offset = 2;
    if (length > 0x7f) {
      int lengthBytes = length & 0x7f;
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
