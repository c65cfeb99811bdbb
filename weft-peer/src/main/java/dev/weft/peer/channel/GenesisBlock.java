package dev.weft.peer.channel;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.weft.peer.policy.ImplicitMetaPolicy;
import dev.weft.peer.policy.PolicyExpression;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockDataHashingStructure;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.Capability;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HashingAlgorithm;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.LastConfig;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.OrdererBlockMetadata;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.MSPConfig;

/**
 * Makes the genesis config block of a new application channel the way Fabric's {@code configtxgen}
 * does for the test network's profile: a channel group with Readers/Writers (ANY) and Admins
 * (MAJORITY), SHA256 hashing and capability V2_0; an Application group with Readers/Writers (ANY),
 * Admins, Endorsement and LifecycleEndorsement (MAJORITY) and capability V2_0; and for each
 * organisation its MSP and the policies Readers {@code OR(admin, peer, client)}, Writers {@code
 * OR(admin, client)}, Admins {@code OR(admin)} and Endorsement {@code OR(peer)}. Every mod_policy
 * is Admins.
 *
 * <p>No Orderer group yet: Weft's ordering service comes with its own issue.
 */
public final class GenesisBlock {

  private static final String ADMINS = "Admins";
  private static final SecureRandom RANDOM = new SecureRandom();

  private GenesisBlock() {}

  /** The genesis block of channel {@code channelId} with these application organisations. */
  public static Block create(String channelId, List<Organization> organizations, Instant now) {
    if (organizations.isEmpty()) {
      throw new ChannelException("a channel needs at least one organization");
    }
    ConfigGroup.Builder application = ConfigGroup.newBuilder().setModPolicy(ADMINS);
    for (Organization org : organizations) {
      application.putGroups(org.name(), organizationGroup(org));
    }
    application
        .putPolicies("Readers", implicitMeta("ANY Readers"))
        .putPolicies("Writers", implicitMeta("ANY Writers"))
        .putPolicies(ADMINS, implicitMeta("MAJORITY Admins"))
        .putPolicies("Endorsement", implicitMeta("MAJORITY Endorsement"))
        .putPolicies("LifecycleEndorsement", implicitMeta("MAJORITY Endorsement"))
        .putValues(Channel.CAPABILITIES_KEY, value(capabilities("V2_0")));
    ConfigGroup channel =
        ConfigGroup.newBuilder()
            .setModPolicy(ADMINS)
            .putGroups(Channel.APPLICATION, application.build())
            .putPolicies("Readers", implicitMeta("ANY Readers"))
            .putPolicies("Writers", implicitMeta("ANY Writers"))
            .putPolicies(ADMINS, implicitMeta("MAJORITY Admins"))
            .putValues(
                "HashingAlgorithm", value(HashingAlgorithm.newBuilder().setName("SHA256").build()))
            .putValues(
                "BlockDataHashingStructure",
                value(BlockDataHashingStructure.newBuilder().setWidth(0xFFFFFFFF).build()))
            .putValues(Channel.CAPABILITIES_KEY, value(capabilities("V2_0")))
            .build();
    return block(channelId, Config.newBuilder().setChannelGroup(channel).build(), now);
  }

  private static ConfigGroup organizationGroup(Organization org) {
    String id = org.mspId();
    return ConfigGroup.newBuilder()
        .setModPolicy(ADMINS)
        .putValues(
            Channel.MSP_KEY,
            value(
                MSPConfig.newBuilder()
                    .setType(0)
                    .setConfig(org.mspConfig().toByteString())
                    .build()))
        .putPolicies(
            "Readers", signature("OR('" + id + ".admin', '" + id + ".peer', '" + id + ".client')"))
        .putPolicies("Writers", signature("OR('" + id + ".admin', '" + id + ".client')"))
        .putPolicies(ADMINS, signature("OR('" + id + ".admin')"))
        .putPolicies("Endorsement", signature("OR('" + id + ".peer')"))
        .build();
  }

  private static Block block(String channelId, Config config, Instant now) {
    byte[] nonce = new byte[24];
    RANDOM.nextBytes(nonce);
    ChannelHeader channelHeader =
        ChannelHeader.newBuilder()
            .setType(HeaderType.CONFIG_VALUE)
            .setVersion(1)
            .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
            .setChannelId(channelId)
            .setEpoch(0)
            .setTxId(HexFormat.of().formatHex(sha256(nonce)))
            .build();
    Payload payload =
        Payload.newBuilder()
            .setHeader(
                Header.newBuilder()
                    .setChannelHeader(channelHeader.toByteString())
                    .setSignatureHeader(
                        SignatureHeader.newBuilder()
                            .setNonce(ByteString.copyFrom(nonce))
                            .build()
                            .toByteString()))
            .setData(ConfigEnvelope.newBuilder().setConfig(config).build().toByteString())
            .build();
    ByteString envelope =
        Envelope.newBuilder().setPayload(payload.toByteString()).build().toByteString();
    BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
    // SIGNATURES, LAST_CONFIG, TRANSACTIONS_FILTER, ORDERER, COMMIT_HASH
    metadata.addMetadata(
        Metadata.newBuilder()
            .setValue(
                OrdererBlockMetadata.newBuilder()
                    .setLastConfig(LastConfig.newBuilder().setIndex(0))
                    .build()
                    .toByteString())
            .build()
            .toByteString());
    metadata.addMetadata(
        Metadata.newBuilder()
            .setValue(LastConfig.newBuilder().setIndex(0).build().toByteString())
            .build()
            .toByteString());
    metadata.addMetadata(ByteString.EMPTY);
    metadata.addMetadata(ByteString.EMPTY);
    metadata.addMetadata(ByteString.EMPTY);
    return Block.newBuilder()
        .setHeader(
            BlockHeader.newBuilder()
                .setNumber(0)
                .setDataHash(ByteString.copyFrom(sha256(envelope.toByteArray()))))
        .setData(BlockData.newBuilder().addData(envelope))
        .setMetadata(metadata)
        .build();
  }

  private static ConfigPolicy implicitMeta(String rule) {
    return ConfigPolicy.newBuilder()
        .setModPolicy(ADMINS)
        .setPolicy(
            org.hyperledger.fabric.protos.common.Policy.newBuilder()
                .setType(org.hyperledger.fabric.protos.common.Policy.PolicyType.IMPLICIT_META_VALUE)
                .setValue(ImplicitMetaPolicy.parse(rule).toByteString()))
        .build();
  }

  private static ConfigPolicy signature(String expression) {
    return ConfigPolicy.newBuilder()
        .setModPolicy(ADMINS)
        .setPolicy(
            org.hyperledger.fabric.protos.common.Policy.newBuilder()
                .setType(org.hyperledger.fabric.protos.common.Policy.PolicyType.SIGNATURE_VALUE)
                .setValue(PolicyExpression.parse(expression).toByteString()))
        .build();
  }

  private static ConfigValue value(Message message) {
    return ConfigValue.newBuilder().setModPolicy(ADMINS).setValue(message.toByteString()).build();
  }

  private static Capabilities capabilities(String... names) {
    Capabilities.Builder capabilities = Capabilities.newBuilder();
    for (String name : names) {
      capabilities.putCapabilities(name, Capability.getDefaultInstance());
    }
    return capabilities.build();
  }

  private static byte[] sha256(byte[] data) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return digest.digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
