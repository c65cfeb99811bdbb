package dev.weft.peer.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole configuration of a peer: Fabric's defaults, overridden by {@code WEFT_*} environment
 * variables (see {@link Setting}).
 *
 * @param chaincode how the peer talks to chaincode
 * @param ledger how the peer keeps its ledgers
 * @param node where clients reach the peer, where it keeps its data, and who it is
 * @param ordering how the embedded orderer cuts blocks and what the committer requires
 * @param operations where the operations endpoint serves health, metrics and version
 * @param launch how the peer builds and starts chaincode runtimes
 */
public record PeerConfig(
    ChaincodeConfig chaincode,
    LedgerConfig ledger,
    NodeConfig node,
    OrderingConfig ordering,
    OperationsConfig operations,
    LaunchConfig launch) {

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

  /** Every setting at its default. */
  public static PeerConfig defaults() {
    return from(Map.of());
  }

  /**
   * The defaults overridden by the {@code WEFT_*} variables of {@code environment}; a {@code WEFT_}
   * variable that names no setting is an error, so that a typo is not silently ignored.
   */
  public static PeerConfig fromEnvironment(Map<String, String> environment) {
    return from(environmentValues(environment));
  }

  /** The settings the {@code WEFT_*} variables of {@code environment} set (see above). */
  public static Map<Setting, String> environmentValues(Map<String, String> environment) {
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    environment.forEach(
        (name, value) -> {
          if (name.startsWith("WEFT_")) {
            Setting setting =
                Setting.forEnvironmentVariable(name)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "unknown setting " + name + " in the environment"));
            values.put(setting, value);
          }
        });
    return values;
  }

  /** The defaults overridden by {@code values}. */
  public static PeerConfig from(Map<Setting, String> values) {
    Values v = new Values(values);
    return new PeerConfig(
        new ChaincodeConfig(
            v.hostPort(Setting.CHAINCODE_LISTEN_ADDRESS),
            v.duration(Setting.CHAINCODE_EXECUTE_TIMEOUT),
            v.duration(Setting.CHAINCODE_KEEPALIVE),
            v.duration(Setting.CHAINCODE_PING_INTERVAL),
            v.duration(Setting.CHAINCODE_PING_TIMEOUT),
            v.duration(Setting.CHAINCODE_MIN_CLIENT_PING_INTERVAL),
            v.integer(Setting.CHAINCODE_MAX_RECV_MESSAGE_SIZE),
            v.integer(Setting.CHAINCODE_MAX_SEND_MESSAGE_SIZE),
            v.integer(Setting.CHAINCODE_TOTAL_QUERY_LIMIT),
            new RuntimeParams(
                v.bool(Setting.CHAINCODE_USE_WRITE_BATCH),
                v.integer(Setting.CHAINCODE_MAX_SIZE_WRITE_BATCH),
                v.bool(Setting.CHAINCODE_USE_GET_MULTIPLE_KEYS),
                v.integer(Setting.CHAINCODE_MAX_SIZE_GET_MULTIPLE_KEYS))),
        new LedgerConfig(v.bool(Setting.LEDGER_HISTORY_ENABLED)),
        new NodeConfig(
            v.hostPort(Setting.PEER_LISTEN_ADDRESS),
            v.parse(Setting.PEER_FILE_SYSTEM_PATH, Path::of),
            v.raw(Setting.PEER_MSP_ID),
            v.raw(Setting.PEER_ORG_DOMAIN),
            v.raw(Setting.PEER_CHANNEL),
            v.duration(Setting.PEER_AUTHENTICATION_TIME_WINDOW),
            v.bool(Setting.PEER_TLS_ENABLED)),
        new OrderingConfig(
            v.integer(Setting.ORDERER_MAX_MESSAGE_COUNT),
            v.parse(Setting.ORDERER_PREFERRED_MAX_BYTES, Long::parseLong),
            v.parse(Setting.ORDERER_ABSOLUTE_MAX_BYTES, Long::parseLong),
            v.duration(Setting.ORDERER_BATCH_TIMEOUT),
            v.raw(Setting.PEER_ENDORSEMENT_POLICY)),
        new OperationsConfig(v.hostPort(Setting.OPERATIONS_LISTEN_ADDRESS)),
        new LaunchConfig(
            v.duration(Setting.CHAINCODE_STARTUP_TIMEOUT),
            v.parse(Setting.CHAINCODE_EXTERNAL_BUILDERS, LaunchConfig::parseBuilders)));
  }

  /** The same configuration with another chaincode configuration. */
  public PeerConfig withChaincode(ChaincodeConfig chaincode) {
    return new PeerConfig(chaincode, ledger, node, ordering, operations, launch);
  }

  /** The same configuration with another node configuration. */
  public PeerConfig withNode(NodeConfig node) {
    return new PeerConfig(chaincode, ledger, node, ordering, operations, launch);
  }

  /** The same configuration with another launch configuration. */
  public PeerConfig withLaunch(LaunchConfig launch) {
    return new PeerConfig(chaincode, ledger, node, ordering, operations, launch);
  }

  /** The same configuration with another operations endpoint configuration. */
  public PeerConfig withOperations(OperationsConfig operations) {
    return new PeerConfig(chaincode, ledger, node, ordering, operations, launch);
  }

  /** Parses Go-style durations as Fabric writes them: {@code 30s}, {@code 500ms}, {@code 2m}. */
  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration such as 30s, 500ms, 2m or 1h");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  /** Reads typed values; errors name the setting and its environment variable. */
  private record Values(Map<Setting, String> overrides) {

    String raw(Setting setting) {
      return overrides.getOrDefault(setting, setting.defaultValue()).trim();
    }

    <T> T parse(Setting setting, Function<String, T> parser) {
      String raw = raw(setting);
      try {
        return parser.apply(raw);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "invalid " + setting.describe() + ": " + e.getMessage(), e);
      }
    }

    Duration duration(Setting setting) {
      return parse(setting, PeerConfig::parseDuration);
    }

    int integer(Setting setting) {
      return parse(setting, Integer::parseInt);
    }

    HostPort hostPort(Setting setting) {
      return parse(setting, HostPort::parse);
    }

    boolean bool(Setting setting) {
      return parse(
          setting,
          text ->
              switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default ->
                    throw new IllegalArgumentException("'" + text + "' is not true or false");
              });
    }
  }
}
