package dev.weft.peer.channel;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.weft.peer.msp.Msp;
import dev.weft.peer.msp.MspException;
import dev.weft.peer.msp.Msps;
import dev.weft.peer.policy.ImplicitMetaPolicy;
import dev.weft.peer.policy.Policy;
import dev.weft.peer.policy.PolicyException;
import dev.weft.peer.policy.SignaturePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.peer.ACLs;

/**
 * A channel as its configuration defines it: its application organisations and their MSPs, every
 * policy of the configuration tree by path ({@code /Channel/Application/Writers}), capabilities and
 * ACLs. Immutable; a configuration update will make a new one.
 */
public final class Channel {

  /** The policy Fabric checks proposals against when the channel's ACLs do not say otherwise. */
  public static final String DEFAULT_PROPOSE_POLICY = "/Channel/Application/Writers";

  static final String APPLICATION = "Application";
  static final String ORDERER = "Orderer";
  static final String MSP_KEY = "MSP";
  static final String CAPABILITIES_KEY = "Capabilities";
  static final String ACLS_KEY = "ACLs";

  private final String id;
  private final Config config;
  private final List<Organization> organizations;
  private final Msps msps;
  private final Map<String, Policy> policies;
  private final Set<String> channelCapabilities;
  private final Set<String> applicationCapabilities;
  private final Map<String, String> acls;

  private Channel(String id, Config config) {
    this.id = id;
    this.config = config;
    ConfigGroup root = config.getChannelGroup();
    ConfigGroup application = root.getGroupsMap().get(APPLICATION);
    if (application == null) {
      throw new ChannelException(
          "the configuration of channel " + id + " has no Application group");
    }
    List<Organization> orgs = new ArrayList<>();
    Map<String, Msp> byId = new LinkedHashMap<>();
    application.getGroupsMap().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> orgs.add(organization(e.getKey(), e.getValue())));
    for (Organization org : orgs) {
      addMsp(byId, org);
    }
    ConfigGroup orderer = root.getGroupsMap().get(ORDERER);
    if (orderer != null) {
      orderer.getGroupsMap().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .map(e -> organization(e.getKey(), e.getValue()))
          .forEach(org -> addMsp(byId, org));
    }
    this.organizations = List.copyOf(orgs);
    this.msps = new Msps(byId.values());
    Map<String, Policy> all = new LinkedHashMap<>();
    policies("/Channel", root, all);
    this.policies = Map.copyOf(all);
    this.channelCapabilities = capabilities(root);
    this.applicationCapabilities = capabilities(application);
    this.acls = acls(application);
  }

  /**
   * The channel of a config block: the genesis block made by {@link GenesisBlock} or by Fabric's
   * {@code configtxgen}, or a later config block.
   */
  public static Channel fromConfigBlock(Block block) {
    if (block.getData().getDataCount() == 0) {
      throw new ChannelException("the block has no transaction; a config block has one");
    }
    Envelope envelope = parse(Envelope.parser(), block.getData().getData(0), "Envelope");
    Payload payload = parse(Payload.parser(), envelope.getPayload(), "Payload");
    ChannelHeader header =
        parse(ChannelHeader.parser(), payload.getHeader().getChannelHeader(), "ChannelHeader");
    if (header.getType() != HeaderType.CONFIG_VALUE) {
      throw new ChannelException(
          "block "
              + block.getHeader().getNumber()
              + " is not a config block: its transaction has header type "
              + header.getType());
    }
    ConfigEnvelope configEnvelope =
        parse(ConfigEnvelope.parser(), payload.getData(), "ConfigEnvelope");
    if (header.getChannelId().isEmpty()) {
      throw new ChannelException("the config block names no channel");
    }
    return fromConfig(header.getChannelId(), configEnvelope.getConfig());
  }

  /** The channel of a configuration. */
  public static Channel fromConfig(String channelId, Config config) {
    try {
      return new Channel(channelId, config);
    } catch (MspException | PolicyException e) {
      throw new ChannelException(
          "the configuration of channel " + channelId + " is invalid: " + e.getMessage(), e);
    }
  }

  public String id() {
    return id;
  }

  public Config config() {
    return config;
  }

  /** The application organisations, by group name. */
  public List<Organization> organizations() {
    return organizations;
  }

  /** The MSPs of the channel's application and orderer organisations. */
  public Msps msps() {
    return msps;
  }

  /** The policy at an absolute path; one that nothing satisfies if there is none. */
  public Policy policy(String path) {
    Policy policy = policies.get(path);
    return policy != null ? policy : Policy.rejectAll(path);
  }

  /** Whether the configuration defines a policy at {@code path}. */
  public boolean hasPolicy(String path) {
    return policies.containsKey(path);
  }

  /** Every policy path, sorted. */
  public Set<String> policyPaths() {
    return new TreeSet<>(policies.keySet());
  }

  public Set<String> channelCapabilities() {
    return channelCapabilities;
  }

  public Set<String> applicationCapabilities() {
    return applicationCapabilities;
  }

  /**
   * The absolute path of the policy guarding a resource such as {@code peer/Propose}, from the
   * channel's ACLs (relative references are under {@code /Channel/Application}), if it names one.
   */
  public Optional<String> aclPolicy(String resource) {
    String ref = acls.get(resource);
    if (ref == null || ref.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(ref.startsWith("/") ? ref : "/Channel/Application/" + ref);
  }

  /** The policy proposals must satisfy: ACL {@code peer/Propose}, or the application's Writers. */
  public String proposePolicyPath() {
    return aclPolicy("peer/Propose").orElse(DEFAULT_PROPOSE_POLICY);
  }

  private static Organization organization(String name, ConfigGroup group) {
    ConfigValue value = group.getValuesMap().get(MSP_KEY);
    if (value == null) {
      throw new ChannelException("organization " + name + " has no MSP value");
    }
    MSPConfig mspConfig = parse(MSPConfig.parser(), value.getValue(), "MSPConfig of " + name);
    if (mspConfig.getType() != 0) {
      throw new ChannelException(
          "organization "
              + name
              + " has an MSP of type "
              + mspConfig.getType()
              + "; only X.509 MSPs (type 0) are supported");
    }
    return new Organization(
        name, parse(FabricMSPConfig.parser(), mspConfig.getConfig(), "FabricMSPConfig of " + name));
  }

  /**
   * Adds an organisation's MSP; the same MSP may serve several groups (an org that is both an
   * application and an orderer org), but only with one configuration, as Fabric requires.
   */
  private static void addMsp(Map<String, Msp> byId, Organization org) {
    Msp existing = byId.get(org.mspId());
    if (existing == null) {
      byId.put(org.mspId(), Msp.fromConfig(org.mspConfig()));
    } else if (!existing.config().equals(org.mspConfig())) {
      throw new ChannelException(
          "Attempted to define two different versions of MSP: " + org.mspId());
    }
  }

  /** Builds the policies of {@code group} and its descendants; returns the group's own by name. */
  private Map<String, Policy> policies(String path, ConfigGroup group, Map<String, Policy> all) {
    Map<String, Map<String, Policy>> children = new LinkedHashMap<>();
    group.getGroupsMap().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> children.put(e.getKey(), policies(path + "/" + e.getKey(), e.getValue(), all)));
    Map<String, Policy> own = new LinkedHashMap<>();
    group.getPoliciesMap().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              Policy policy = policy(path + "/" + e.getKey(), e.getValue(), children);
              own.put(e.getKey(), policy);
              all.put(path + "/" + e.getKey(), policy);
            });
    return own;
  }

  private Policy policy(
      String path, ConfigPolicy configPolicy, Map<String, Map<String, Policy>> children) {
    var policy = configPolicy.getPolicy();
    return switch (policy.getType()) {
      case 1 -> SignaturePolicy.of(policy.getValue(), msps);
      case 3 -> {
        var definition = ImplicitMetaPolicy.definition(policy.getValue());
        List<Policy> subPolicies = new ArrayList<>();
        for (Map.Entry<String, Map<String, Policy>> child : children.entrySet()) {
          Policy sub = child.getValue().get(definition.getSubPolicy());
          subPolicies.add(
              sub != null
                  ? sub
                  : Policy.rejectAll(
                      path.substring(0, path.lastIndexOf('/'))
                          + "/"
                          + child.getKey()
                          + "/"
                          + definition.getSubPolicy()));
        }
        yield new ImplicitMetaPolicy(definition, subPolicies);
      }
      default ->
          throw new ChannelException(
              "policy " + path + " has unsupported type " + policy.getType());
    };
  }

  private static Set<String> capabilities(ConfigGroup group) {
    ConfigValue value = group.getValuesMap().get(CAPABILITIES_KEY);
    if (value == null) {
      return Set.of();
    }
    return Set.copyOf(
        parse(Capabilities.parser(), value.getValue(), "Capabilities")
            .getCapabilitiesMap()
            .keySet());
  }

  private static Map<String, String> acls(ConfigGroup application) {
    ConfigValue value = application.getValuesMap().get(ACLS_KEY);
    if (value == null) {
      return Map.of();
    }
    Map<String, String> refs = new LinkedHashMap<>();
    parse(ACLs.parser(), value.getValue(), "ACLs")
        .getAclsMap()
        .forEach((resource, api) -> refs.put(resource, api.getPolicyRef()));
    return Map.copyOf(refs);
  }

  static <T extends Message> T parse(Parser<T> parser, ByteString bytes, String what) {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new ChannelException("cannot unmarshal the " + what + ": " + e.getMessage(), e);
    }
  }
}
