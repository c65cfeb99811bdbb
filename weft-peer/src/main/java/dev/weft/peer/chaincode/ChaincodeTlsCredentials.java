package dev.weft.peer.chaincode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a launched chaincode needs to connect to the peer's TLS chaincode listener, all in PEM: its
 * client certificate, issued for its chaincode id by the peer's in-memory chaincode CA (see {@link
 * ChaincodeAccessControl}), that certificate's key, and the CA certificate to trust the listener
 * by.
 *
 * <p>How a launcher hands them to the process, as Fabric's Docker launcher does ({@code
 * core/container/dockercontroller}: files {@code client.key}, {@code client.crt}, {@code
 * client_pem.key}, {@code client_pem.crt}, {@code peer.crt}) so that every shim finds what it
 * reads. Set all of these; each shim reads a different subset:
 *
 * <table>
 *   <caption>Environment of a launched chaincode with TLS on</caption>
 *   <tr><th>variable</th><th>value</th><th>read by</th></tr>
 *   <tr><td>{@code CORE_PEER_TLS_ENABLED}</td><td>{@code true}</td><td>all shims</td></tr>
 *   <tr><td>{@code CORE_TLS_CLIENT_KEY_PATH}</td><td>a file holding {@link #clientKeyBase64()}:
 *     the key PEM, base64-encoded again, one line</td><td>Java (its strict decoder refuses line
 *     breaks), Node, Go and Weft when {@code CORE_TLS_CLIENT_KEY_FILE} is not set</td></tr>
 *   <tr><td>{@code CORE_TLS_CLIENT_CERT_PATH}</td><td>a file holding {@link
 *     #clientCertificateBase64()}</td><td>as {@code CORE_TLS_CLIENT_KEY_PATH}</td></tr>
 *   <tr><td>{@code CORE_TLS_CLIENT_KEY_FILE}</td><td>a file holding {@link #clientKeyPem()} as
 *     it is</td><td>Go and Weft (preferred to {@code _PATH}); the Java shim only as a chaincode
 *     server</td></tr>
 *   <tr><td>{@code CORE_TLS_CLIENT_CERT_FILE}</td><td>a file holding {@link
 *     #clientCertificatePem()} as it is</td><td>as {@code CORE_TLS_CLIENT_KEY_FILE}</td></tr>
 *   <tr><td>{@code CORE_PEER_TLS_ROOTCERT_FILE}</td><td>a file holding {@link
 *     #rootCertificatePem()} as it is (never base64)</td><td>all shims</td></tr>
 * </table>
 *
 * <p>The Java shim refuses to start with TLS on when either {@code _PATH} variable is missing, and
 * the Node shim fails without them; the Go shim takes either form. Besides these, the chaincode
 * gets {@code CORE_CHAINCODE_ID_NAME} (the id the credentials were issued for: it must register
 * with exactly that id) and the listener's address ({@code CORE_PEER_ADDRESS}; the Node shim reads
 * only {@code --peer.address}, which Fabric passes on the command line). The shims check the
 * listener's certificate against the host in that address, so it must be one of the certificate's
 * names: {@code localhost}, {@code 127.0.0.1} or {@code peer0.<domain>} for the peer's generated
 * TLS certificate. An external builder's {@code run} gets the three values as PEM strings, not
 * base64, in {@code chaincode.json}: {@code client_cert}, {@code client_key}, {@code root_cert}
 * (beside {@code chaincode_id}, {@code peer_address} and {@code mspid}).
 *
 * <p>The peer remembers a certificate for ten minutes after issuing it: the chaincode must register
 * within that time, and a restarted chaincode needs new credentials.
 *
 * @param clientCertificatePem the chaincode's client certificate, issued for its chaincode id
 * @param clientKeyPem the certificate's private key (PKCS#8, {@code BEGIN PRIVATE KEY})
 * @param rootCertificatePem the CA that issued the chaincode listener's server certificate (the
 *     peer's TLS CA)
 */
public record ChaincodeTlsCredentials(
    String clientCertificatePem, String clientKeyPem, String rootCertificatePem) {

  /**
   * The client certificate PEM base64-encoded on one line, the content of the {@code
   * CORE_TLS_CLIENT_CERT_PATH} file.
   */
  public String clientCertificateBase64() {
    return base64(clientCertificatePem);
  }

  /**
   * The key PEM base64-encoded on one line, the content of the {@code CORE_TLS_CLIENT_KEY_PATH}
   * file.
   */
  public String clientKeyBase64() {
    return base64(clientKeyPem);
  }

  @Override
  public String toString() {
    return "ChaincodeTlsCredentials[key hidden]";
  }

  private static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }
}
