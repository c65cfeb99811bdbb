package dev.weft.shim;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The PEM material of one TLS endpoint: its own certificate and key, and the certificates it trusts
 * on the other side (for the chaincode as client: the peer's CA; as server: the CA of the peers it
 * accepts, which turns on mutual TLS). Read once at start, so a bad path fails at once.
 */
record TlsMaterial(ByteString certificatePem, ByteString keyPem, ByteString trustedPem) {

  boolean hasTrustedCertificates() {
    return trustedPem != null && !trustedPem.isEmpty();
  }

  /** Reads a PEM file. */
  static ByteString readPem(String variable, String path) {
    try {
      return ByteString.copyFrom(Files.readAllBytes(Path.of(path)));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot read " + variable + " (" + path + "): " + e.getMessage(), e);
    }
  }

  /**
   * Reads a file holding base64-encoded PEM, the form a Fabric peer writes for the chaincodes it
   * launches ({@code CORE_TLS_CLIENT_KEY_PATH}, {@code CORE_TLS_CLIENT_CERT_PATH}).
   */
  static ByteString readBase64Pem(String variable, String path) {
    ByteString encoded = readPem(variable, path);
    try {
      return ByteString.copyFrom(Base64.getMimeDecoder().decode(encoded.toByteArray()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          variable + " (" + path + ") does not hold base64-encoded PEM: " + e.getMessage(), e);
    }
  }
}
