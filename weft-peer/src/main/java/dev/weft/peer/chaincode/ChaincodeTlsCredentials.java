package dev.weft.peer.chaincode;

/**
 * What a launched chaincode needs to connect to the peer's TLS chaincode listener, all in PEM, as
 * Fabric hands them to chaincode ({@code CORE_TLS_CLIENT_CERT_FILE}, {@code
 * CORE_TLS_CLIENT_KEY_FILE}, {@code CORE_PEER_TLS_ROOTCERT_FILE}, or {@code client_cert}, {@code
 * client_key} and {@code root_cert} in an external builder's {@code chaincode.json}).
 *
 * @param clientCertificatePem the chaincode's client certificate, issued for its chaincode id
 * @param clientKeyPem the certificate's private key (PKCS#8)
 * @param rootCertificatePem the CA that issued the chaincode listener's server certificate
 */
public record ChaincodeTlsCredentials(
    String clientCertificatePem, String clientKeyPem, String rootCertificatePem) {

  @Override
  public String toString() {
    return "ChaincodeTlsCredentials[key hidden]";
  }
}
