package dev.weft.peer.chaincode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The environments of the programs the peer runs for chaincode. A chaincode gets what Fabric gives
 * it ({@code CORE_CHAINCODE_ID_NAME}, {@code CORE_PEER_TLS_ENABLED} and the TLS files, {@code
 * CORE_PEER_LOCALMSPID}) plus {@code CORE_PEER_ADDRESS}, on top of the peer's own environment
 * without its settings: nothing named {@code CORE_*} or {@code WEFT_*} (the peer's configuration is
 * none of the chaincode's business), nor {@code CHAINCODE_*} (which would switch a shim to server
 * mode). External builders get only the variables Fabric propagates to them by default.
 */
final class ChaincodeEnvironment {

  /** Fabric's {@code DefaultPropagateEnvironment} for external builder programs. */
  static final List<String> PROPAGATED_TO_EXTERNAL_BUILDERS =
      List.of("LD_LIBRARY_PATH", "LIBPATH", "PATH", "TMPDIR");

  /**
   * What the built-in builders and the chaincode they start get from the peer's environment: where
   * programs and the user's caches are (npm and Maven need HOME), the locale, and proxies for
   * downloads. Nothing else: no credentials, and no JAVA_TOOL_OPTIONS or NODE_OPTIONS that would
   * change how the chaincode runs. Fabric's chaincode containers get none of the peer's.
   */
  private static final List<String> INHERITED =
      List.of(
          "PATH",
          "HOME",
          "USER",
          "LANG",
          "LC_ALL",
          "TMPDIR",
          "LD_LIBRARY_PATH",
          "LIBPATH",
          "JAVA_HOME",
          "HTTP_PROXY",
          "HTTPS_PROXY",
          "NO_PROXY",
          "http_proxy",
          "https_proxy",
          "no_proxy");

  private ChaincodeEnvironment() {}

  /** The part of the peer's environment built-in build steps and runtimes get (see above). */
  static Map<String, String> inherited(Map<String, String> peerEnvironment) {
    Map<String, String> environment = new TreeMap<>();
    for (String name : INHERITED) {
      String value = peerEnvironment.get(name);
      if (value != null) {
        environment.put(name, value);
      }
    }
    return environment;
  }

  /** What Fabric propagates to external builder programs from the peer's environment. */
  static Map<String, String> propagated(Map<String, String> peerEnvironment) {
    Map<String, String> environment = new TreeMap<>();
    for (String name : PROPAGATED_TO_EXTERNAL_BUILDERS) {
      String value = peerEnvironment.get(name);
      if (value != null) {
        environment.put(name, value);
      }
    }
    return environment;
  }

  /**
   * The variables that tell a chaincode who it is and where the peer is. With TLS, the credentials
   * are written into {@code directory} under the names Fabric's peer gives them in a chaincode
   * container: {@code client.key}/{@code client.crt} base64-encoded (read by the Go, Java and Node
   * shims through {@code CORE_TLS_CLIENT_KEY_PATH}/{@code CORE_TLS_CLIENT_CERT_PATH}), {@code
   * client_pem.key}/{@code client_pem.crt} as PEM ({@code CORE_TLS_CLIENT_KEY_FILE}/{@code
   * CORE_TLS_CLIENT_CERT_FILE}), and {@code peer.crt} ({@code CORE_PEER_TLS_ROOTCERT_FILE}).
   */
  static Map<String, String> forChaincode(
      String chaincodeId,
      String peerAddress,
      String mspId,
      Optional<ChaincodeTlsCredentials> tls,
      Path directory)
      throws IOException {
    Map<String, String> environment = new TreeMap<>();
    environment.put("CORE_CHAINCODE_ID_NAME", chaincodeId);
    environment.put("CORE_PEER_ADDRESS", peerAddress);
    if (!mspId.isEmpty()) {
      environment.put("CORE_PEER_LOCALMSPID", mspId);
    }
    if (tls.isEmpty()) {
      environment.put("CORE_PEER_TLS_ENABLED", "false");
      return environment;
    }
    ChaincodeTlsCredentials credentials = tls.get();
    Base64.Encoder base64 = Base64.getEncoder();
    environment.put("CORE_PEER_TLS_ENABLED", "true");
    environment.put(
        "CORE_TLS_CLIENT_KEY_PATH",
        secret(directory, "client.key", base64.encodeToString(bytes(credentials.clientKeyPem()))));
    environment.put(
        "CORE_TLS_CLIENT_CERT_PATH",
        secret(
            directory,
            "client.crt",
            base64.encodeToString(bytes(credentials.clientCertificatePem()))));
    environment.put(
        "CORE_TLS_CLIENT_KEY_FILE",
        secret(directory, "client_pem.key", credentials.clientKeyPem()));
    environment.put(
        "CORE_TLS_CLIENT_CERT_FILE",
        secret(directory, "client_pem.crt", credentials.clientCertificatePem()));
    environment.put(
        "CORE_PEER_TLS_ROOTCERT_FILE",
        secret(directory, "peer.crt", credentials.rootCertificatePem()));
    return environment;
  }

  /** Writes a file only its owner can read (it may hold a private key); returns its path. */
  static String secret(Path directory, String name, String content) throws IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(name);
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file); // not a POSIX file system
    }
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file.toAbsolutePath().toString();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
