package dev.weft.shim;

import com.google.protobuf.ByteString;
import java.util.Map;

/**
 * How the chaincode connects, read from the environment variables and arguments Fabric's shims
 * read, so that a Weft chaincode starts wherever theirs do.
 *
 * <p>Chaincode as client (the peer launched it, or development mode): {@code
 * CORE_CHAINCODE_ID_NAME} or {@code -i}/{@code --id}; {@code CORE_PEER_ADDRESS} or {@code
 * --peerAddress}/{@code -a}/{@code --peer.address}; {@code CORE_PEER_TLS_ENABLED} with {@code
 * CORE_PEER_TLS_ROOTCERT_FILE} and the client key and certificate ({@code CORE_TLS_CLIENT_KEY_FILE}
 * and {@code CORE_TLS_CLIENT_CERT_FILE} as PEM, else {@code CORE_TLS_CLIENT_KEY_PATH} and {@code
 * CORE_TLS_CLIENT_CERT_PATH} as base64-encoded PEM, as the peer writes them).
 *
 * <p>Chaincode as server (chaincode as a service): {@code CHAINCODE_SERVER_ADDRESS} selects it; the
 * id is {@code CHAINCODE_ID} or {@code CORE_CHAINCODE_ID_NAME}. TLS is on when {@code
 * CORE_PEER_TLS_ENABLED} is true or {@code CHAINCODE_TLS_DISABLED} is false, with the server's key
 * and certificate from {@code CHAINCODE_TLS_KEY}/{@code CHAINCODE_TLS_CERT} (or {@code
 * CORE_TLS_CLIENT_KEY_FILE}/{@code CORE_TLS_CLIENT_CERT_FILE}); a client CA from {@code
 * CHAINCODE_CLIENT_CA_CERT} (or {@code CORE_PEER_TLS_ROOTCERT_FILE}) makes it require peers'
 * certificates (mutual TLS).
 *
 * @param chaincodeId the id the chaincode registers with
 * @param peerAddress host:port of the peer (client mode), empty in server mode
 * @param serverAddress host:port to listen on (server mode), empty in client mode
 * @param localMspId the peer's MSP id ({@code CORE_PEER_LOCALMSPID}), may be empty
 * @param tls the TLS material, null when TLS is off
 */
record ShimSettings(
    String chaincodeId,
    String peerAddress,
    String serverAddress,
    String localMspId,
    TlsMaterial tls) {

  boolean isServer() {
    return !serverAddress.isEmpty();
  }

  /** Reads the settings; fails with a message naming the variable or argument to fix. */
  static ShimSettings from(Map<String, String> env, String[] args) {
    String id = "";
    String peerAddress = "";
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("-") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      switch (name) {
        case "-a", "--peerAddress", "-peerAddress", "--peer.address", "-peer.address" -> {
          if (value == null) {
            value = argumentValue(args, ++i, name);
          }
          peerAddress = value;
        }
        case "-i", "--id", "-id", "--i" -> {
          if (value == null) {
            value = argumentValue(args, ++i, name);
          }
          id = value;
        }
        default -> {
          // Other shims accept more options (logging levels and the like): ignore them.
        }
      }
    }
    String serverAddress = env.getOrDefault("CHAINCODE_SERVER_ADDRESS", "");
    boolean server = !serverAddress.isEmpty();
    if (id.isEmpty()) {
      id = server ? env.getOrDefault("CHAINCODE_ID", "") : "";
    }
    if (id.isEmpty()) {
      id = env.getOrDefault("CORE_CHAINCODE_ID_NAME", "");
    }
    if (id.isEmpty()) {
      throw new IllegalArgumentException(
          "the chaincode id is not set: set "
              + (server ? "CHAINCODE_ID or " : "")
              + "CORE_CHAINCODE_ID_NAME, or pass -i <id>");
    }
    if (!server) {
      if (peerAddress.isEmpty()) {
        peerAddress = env.getOrDefault("CORE_PEER_ADDRESS", "");
      }
      if (peerAddress.isEmpty()) {
        throw new IllegalArgumentException(
            "the peer address is not set: set CORE_PEER_ADDRESS (host:port), pass"
                + " --peerAddress <host:port>, or set CHAINCODE_SERVER_ADDRESS to run as a server");
      }
      HostPort.parse(peerAddress, "the peer address");
    } else {
      HostPort.parse(serverAddress, "CHAINCODE_SERVER_ADDRESS");
    }
    TlsMaterial tls = server ? serverTls(env) : clientTls(env);
    return new ShimSettings(
        id,
        server ? "" : peerAddress,
        serverAddress,
        env.getOrDefault("CORE_PEER_LOCALMSPID", ""),
        tls);
  }

  private static String argumentValue(String[] args, int index, String name) {
    if (index >= args.length) {
      throw new IllegalArgumentException("the argument " + name + " needs a value");
    }
    return args[index];
  }

  private static TlsMaterial clientTls(Map<String, String> env) {
    if (!flag(env, "CORE_PEER_TLS_ENABLED", false)) {
      return null;
    }
    ByteString key = clientPem(env, "CORE_TLS_CLIENT_KEY_FILE", "CORE_TLS_CLIENT_KEY_PATH");
    ByteString cert = clientPem(env, "CORE_TLS_CLIENT_CERT_FILE", "CORE_TLS_CLIENT_CERT_PATH");
    String root = required(env, "CORE_PEER_TLS_ROOTCERT_FILE", "the peer's TLS CA certificate");
    return new TlsMaterial(cert, key, TlsMaterial.readPem("CORE_PEER_TLS_ROOTCERT_FILE", root));
  }

  private static ByteString clientPem(Map<String, String> env, String pemFile, String base64File) {
    if (env.containsKey(pemFile)) {
      return TlsMaterial.readPem(pemFile, env.get(pemFile));
    }
    return TlsMaterial.readBase64Pem(
        base64File,
        required(
            env,
            base64File,
            "TLS is on (CORE_PEER_TLS_ENABLED) but " + pemFile + " is not set either"));
  }

  private static TlsMaterial serverTls(Map<String, String> env) {
    boolean enabled =
        flag(env, "CORE_PEER_TLS_ENABLED", false) || !flag(env, "CHAINCODE_TLS_DISABLED", true);
    if (!enabled) {
      return null;
    }
    String keyVariable = firstSet(env, "CHAINCODE_TLS_KEY", "CORE_TLS_CLIENT_KEY_FILE");
    String certVariable = firstSet(env, "CHAINCODE_TLS_CERT", "CORE_TLS_CLIENT_CERT_FILE");
    ByteString key =
        TlsMaterial.readPem(keyVariable, required(env, keyVariable, "the server's TLS key"));
    ByteString cert =
        TlsMaterial.readPem(
            certVariable, required(env, certVariable, "the server's TLS certificate"));
    String caVariable = firstSet(env, "CHAINCODE_CLIENT_CA_CERT", "CORE_PEER_TLS_ROOTCERT_FILE");
    ByteString clientCa =
        env.containsKey(caVariable) ? TlsMaterial.readPem(caVariable, env.get(caVariable)) : null;
    return new TlsMaterial(cert, key, clientCa);
  }

  private static String firstSet(Map<String, String> env, String preferred, String fallback) {
    return env.containsKey(preferred) || !env.containsKey(fallback) ? preferred : fallback;
  }

  private static String required(Map<String, String> env, String variable, String what) {
    String value = env.get(variable);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(variable + " is not set (" + what + ")");
    }
    return value;
  }

  private static boolean flag(Map<String, String> env, String variable, boolean otherwise) {
    String value = env.get(variable);
    if (value == null || value.isEmpty()) {
      return otherwise;
    }
    if (value.equalsIgnoreCase("true") || value.equals("1")) {
      return true;
    }
    if (value.equalsIgnoreCase("false") || value.equals("0")) {
      return false;
    }
    throw new IllegalArgumentException(variable + " must be true or false, got '" + value + "'");
  }
}
