package dev.weft.peer.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration setting of the peer, with its default and what it is for. A setting {@code
 * chaincode.executeTimeout} is overridden by the environment variable {@code
 * WEFT_CHAINCODE_EXECUTETIMEOUT}.
 */
public enum Setting {
  CHAINCODE_LISTEN_ADDRESS(
      "chaincode.listenAddress",
      "127.0.0.1:7052",
      "Address of the chaincode support listener (protos.ChaincodeSupport/Register)."),
  CHAINCODE_EXECUTE_TIMEOUT(
      "chaincode.executeTimeout",
      "30s",
      "How long a chaincode may take to answer a transaction before it fails (at least 1s)."),
  CHAINCODE_KEEPALIVE(
      "chaincode.keepalive",
      "0s",
      "Interval of the protocol's KEEPALIVE messages to chaincode; 0 sends none, as Fabric."
          + " Fabric's Node shim 2.5 exits when it receives one: prefer the gRPC pings below."),
  CHAINCODE_PING_INTERVAL(
      "chaincode.pingInterval",
      "60s",
      "Interval of HTTP/2 pings the peer sends on idle chaincode connections, so that proxies"
          + " and load balancers do not drop them."),
  CHAINCODE_PING_TIMEOUT(
      "chaincode.pingTimeout",
      "20s",
      "How long a ping may go unanswered before the connection is considered dead."),
  CHAINCODE_MIN_CLIENT_PING_INTERVAL(
      "chaincode.minClientPingInterval",
      "30s",
      "The shortest interval at which chaincode may ping the peer (Fabric's shims ping every 60 s"
          + " or 110 s)."),
  CHAINCODE_MAX_RECV_MESSAGE_SIZE(
      "chaincode.maxRecvMessageSize",
      "104857600",
      "Largest message, in bytes, the peer accepts from a chaincode."),
  CHAINCODE_MAX_SEND_MESSAGE_SIZE(
      "chaincode.maxSendMessageSize",
      "104857600",
      "Largest message, in bytes, the peer sends to a chaincode."),
  CHAINCODE_TOTAL_QUERY_LIMIT(
      "chaincode.totalQueryLimit",
      "100000",
      "Most results one chaincode query returns; beyond it results are cut off, as in Fabric."),
  CHAINCODE_USE_WRITE_BATCH(
      "chaincode.runtimeParams.useWriteBatch",
      "true",
      "Announced in READY: chaincode may send its writes as WRITE_BATCH_STATE."),
  CHAINCODE_MAX_SIZE_WRITE_BATCH(
      "chaincode.runtimeParams.maxSizeWriteBatch",
      "1000",
      "Announced in READY: most records in one WRITE_BATCH_STATE (at least 100, the smallest"
          + " batch Fabric's Go shim sends)."),
  CHAINCODE_USE_GET_MULTIPLE_KEYS(
      "chaincode.runtimeParams.useGetMultipleKeys",
      "true",
      "Announced in READY: chaincode may read several keys with one GET_STATE_MULTIPLE."),
  CHAINCODE_MAX_SIZE_GET_MULTIPLE_KEYS(
      "chaincode.runtimeParams.maxSizeGetMultipleKeys",
      "1000",
      "Announced in READY: most keys in one GET_STATE_MULTIPLE (at least 100)."),
  CHAINCODE_STARTUP_TIMEOUT(
      "chaincode.startupTimeout",
      "300s",
      "How long a chaincode the peer launches may take to start and register (Fabric's"
          + " chaincode.startuptimeout); its build, the first time, has as long again."),
  CHAINCODE_EXTERNAL_BUILDERS(
      "chaincode.externalBuilders",
      "",
      "Directories of external builders (each with bin/detect, bin/build and bin/release or"
          + " bin/run, Fabric's contract), comma-separated, tried in order before the built-in"
          + " Java, Node and chaincode-as-a-service builders."),
  LEDGER_HISTORY_ENABLED(
      "ledger.historyEnabled", "true", "Keep the history of every key for GET_HISTORY_FOR_KEY."),
  PEER_LISTEN_ADDRESS(
      "peer.listenAddress",
      "127.0.0.1:7051",
      "Address of the client-facing server (protos.Endorser/ProcessProposal)."),
  PEER_FILE_SYSTEM_PATH(
      "peer.fileSystemPath",
      "weft-data",
      "Where the peer keeps its data: crypto material (generated on first start, in cryptogen's"
          + " layout under crypto/) and channel config blocks (channels/)."),
  PEER_TLS_ENABLED(
      "peer.tls.enabled",
      "false",
      "Whether the peer endpoint (Gateway, Endorser, Deliver, orderer) and the chaincode listener"
          + " speak TLS, with the peer's generated TLS certificate"
          + " (crypto/.../peers/peer0.<domain>/tls/server.crt); clients trust the TLS CA beside it"
          + " (tls/ca.crt). The chaincode listener then takes only chaincode the peer launched,"
          + " each registering under the id its peer-issued client certificate names, so"
          + " development-mode chaincode needs TLS off, as in Fabric."),
  PEER_MSP_ID("peer.localMspId", "Org1MSP", "MSP id of the peer's organisation."),
  PEER_ORG_DOMAIN(
      "peer.orgDomain",
      "org1.example.com",
      "Domain of the peer's organisation; the peer is peer0.<domain> in the crypto material."),
  PEER_CHANNEL(
      "peer.channel",
      "mychannel",
      "The channel the peer creates, with its organisation as only member, on its first start."),
  PEER_AUTHENTICATION_TIME_WINDOW(
      "peer.authentication.timeWindow",
      "15m",
      "How far a proposal's timestamp may be from the peer's clock before it is refused."),
  PEER_ENDORSEMENT_POLICY(
      "peer.endorsementPolicy",
      "/Channel/Application/Endorsement",
      "The channel policy every chaincode's endorsements must satisfy at commit, until chaincode"
          + " definitions name their own."),
  OPERATIONS_LISTEN_ADDRESS(
      "operations.listenAddress",
      "127.0.0.1:9443",
      "Address of the operations endpoint (plain HTTP): GET /healthz, /metrics in Prometheus' text"
          + " format, and /version."),
  ORDERER_MAX_MESSAGE_COUNT(
      "orderer.batchSize.maxMessageCount", "500", "Most transactions in a block."),
  ORDERER_PREFERRED_MAX_BYTES(
      "orderer.batchSize.preferredMaxBytes",
      "2097152",
      "Most bytes of transactions in a block, unless one transaction alone is larger."),
  ORDERER_ABSOLUTE_MAX_BYTES(
      "orderer.batchSize.absoluteMaxBytes",
      "10485760",
      "The largest transaction envelope Broadcast accepts."),
  ORDERER_BATCH_TIMEOUT(
      "orderer.batchTimeout",
      "0s",
      "0s: a block is cut as soon as no further transaction waits, so a lone transaction commits at"
          + " once. Otherwise Fabric's behaviour: wait this long after a block's first"
          + " transaction (Fabric's default is 2s).");

  private final String key;
  private final String defaultValue;
  private final String description;

  Setting(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The dotted name, as in a configuration file. */
  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** The environment variable that overrides this setting. */
  public String environmentVariable() {
    return "WEFT_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** How to name this setting to a user: its key and its environment variable. */
  public String describe() {
    return key + " (" + environmentVariable() + ")";
  }

  /**
   * The setting of a dotted name, as in a configuration file ({@code chaincode.executeTimeout}).
   */
  public static Optional<Setting> forKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }

  /** The setting an environment variable overrides, if it names one. */
  public static Optional<Setting> forEnvironmentVariable(String name) {
    return Arrays.stream(values()).filter(s -> s.environmentVariable().equals(name)).findFirst();
  }
}
