package dev.weft.peer.lifecycle;

import java.nio.charset.StandardCharsets;

/**
 * The {@code connection.json} of a chaincode-as-a-service package: where the chaincode server
 * listens and how the peer dials it. String fields are kept verbatim, because Fabric's ccaas
 * builder treats them as Go templates filled in at build time (e.g. {@code
 * "{{.peername}}_cc:9999"}).
 *
 * @param address the chaincode server's {@code host:port}
 * @param dialTimeout how long to try to connect, as a Go duration such as {@code "10s"}; may be
 *     empty
 * @param tlsRequired whether the server speaks TLS
 * @param clientAuthRequired whether the server requires a client certificate
 * @param clientKey the peer's client key (PEM) when client authentication is required
 * @param clientCert the peer's client certificate (PEM) when client authentication is required
 * @param rootCert the CA certificate (PEM) the server's certificate must chain to
 */
public record ChaincodeServerConnection(
    String address,
    String dialTimeout,
    boolean tlsRequired,
    boolean clientAuthRequired,
    String clientKey,
    String clientCert,
    String rootCert) {

  /** The entry name of the connection file inside a ccaas code archive. */
  public static final String FILE_NAME = "connection.json";

  /**
   * The connection in {@code json}, with the field names of Fabric's ccaas builder.
   *
   * @throws IllegalArgumentException when it is not a JSON object, a field has the wrong type, or
   *     the address is missing
   */
  public static ChaincodeServerConnection parse(byte[] json) {
    JsonMembers members =
        new JsonMembers(JsonObjectParser.parseObject(new String(json, StandardCharsets.UTF_8)));
    String address = members.string("address");
    if (address.isEmpty()) {
      throw new IllegalArgumentException("it has no \"address\"");
    }
    return new ChaincodeServerConnection(
        address,
        members.string("dial_timeout"),
        members.bool("tls_required"),
        members.bool("client_auth_required"),
        members.string("client_key"),
        members.string("client_cert"),
        members.string("root_cert"));
  }
}
