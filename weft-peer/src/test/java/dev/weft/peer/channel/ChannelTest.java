package dev.weft.peer.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.weft.peer.msp.MspFolder;
import dev.weft.peer.msp.SigningIdentity;
import dev.weft.peer.policy.PolicyExpression;
import dev.weft.peer.policy.SignatureSet;
import dev.weft.peer.policy.SignedData;
import dev.weft.peer.testing.TestOrg;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.Capabilities;
import org.hyperledger.fabric.protos.common.Capability;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Config;
import org.hyperledger.fabric.protos.common.ConfigEnvelope;
import org.hyperledger.fabric.protos.common.ConfigGroup;
import org.hyperledger.fabric.protos.common.ConfigPolicy;
import org.hyperledger.fabric.protos.common.ConfigValue;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.ImplicitMetaPolicy;
import org.hyperledger.fabric.protos.common.OrdererAddresses;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.Policy;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.MSPConfig;
import org.hyperledger.fabric.protos.peer.ACLs;
import org.hyperledger.fabric.protos.peer.APIResource;
import org.hyperledger.fabric.protos.peer.AnchorPeer;
import org.hyperledger.fabric.protos.peer.AnchorPeers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelTest {

  private static final ByteString DATA = ByteString.copyFromUtf8("proposal bytes");

  @TempDir static Path directory;
  private static TestOrg org1;
  private static TestOrg org2;
  private static TestOrg orderer;

  @BeforeAll
  static void generate() {
    org1 = TestOrg.generate(directory, "org1.example.com", "Org1MSP");
    org2 = TestOrg.generate(directory, "org2.example.com", "Org2MSP");
    orderer = TestOrg.generate(directory, "example.com", "OrdererMSP");
  }

  @Test
  void aGenesisBlockMadeByWeftIsAConfigBlockWithFabricsTree() throws Exception {
    Block block =
        GenesisBlock.create(
            "mychannel", List.of(org1.organization(), org2.organization()), Instant.now());
    assertThat(block.getHeader().getNumber()).isZero();
    assertThat(block.getHeader().getDataHash().toByteArray())
        .isEqualTo(
            MessageDigest.getInstance("SHA-256").digest(block.getData().getData(0).toByteArray()));
    assertThat(block.getMetadata().getMetadataCount()).isEqualTo(5);
    Payload payload =
        Payload.parseFrom(Envelope.parseFrom(block.getData().getData(0)).getPayload());
    ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
    assertThat(header.getType()).isEqualTo(HeaderType.CONFIG_VALUE);
    assertThat(header.getChannelId()).isEqualTo("mychannel");
    ConfigGroup root = ConfigEnvelope.parseFrom(payload.getData()).getConfig().getChannelGroup();
    assertThat(root.getGroupsMap()).containsOnlyKeys("Application");
    assertThat(root.getValuesMap())
        .containsOnlyKeys("HashingAlgorithm", "BlockDataHashingStructure", "Capabilities");
    ConfigGroup application = root.getGroupsOrThrow("Application");
    assertThat(application.getGroupsMap()).containsOnlyKeys("Org1MSP", "Org2MSP");
    assertThat(application.getPoliciesMap())
        .containsOnlyKeys("Readers", "Writers", "Admins", "Endorsement", "LifecycleEndorsement");
    ConfigGroup org = application.getGroupsOrThrow("Org1MSP");
    assertThat(org.getPoliciesMap())
        .containsOnlyKeys("Readers", "Writers", "Admins", "Endorsement");
    assertThat(org.getModPolicy()).isEqualTo("Admins");
    assertThat(org.getPoliciesOrThrow("Endorsement").getPolicy().getValue())
        .isEqualTo(PolicyExpression.parse("OR('Org1MSP.peer')").toByteString());
    MSPConfig msp = MSPConfig.parseFrom(org.getValuesOrThrow("MSP").getValue());
    assertThat(msp.getType()).isZero();

    Channel channel = Channel.fromConfigBlock(block);
    assertThat(channel.id()).isEqualTo("mychannel");
    assertThat(channel.organizations())
        .extracting(Organization::mspId)
        .containsExactly("Org1MSP", "Org2MSP");
    assertThat(channel.msps().get("Org2MSP")).isPresent();
    assertThat(channel.channelCapabilities()).containsExactly("V2_0");
    assertThat(channel.applicationCapabilities()).containsExactly("V2_0");
    assertThat(channel.proposePolicyPath()).isEqualTo("/Channel/Application/Writers");
    assertThat(channel.policyPaths())
        .contains(
            "/Channel/Readers",
            "/Channel/Application/Writers",
            "/Channel/Application/Endorsement",
            "/Channel/Application/Org2MSP/Admins");
  }

  @Test
  void writersAreClientsAndAdminsOfAnyOrgReadersAlsoPeers() {
    Channel channel =
        Channel.fromConfigBlock(
            GenesisBlock.create(
                "mychannel", List.of(org1.organization(), org2.organization()), Instant.now()));
    var writers = channel.policy("/Channel/Application/Writers");
    assertThat(writers.isSatisfiedBy(signed(org1.user()))).isTrue();
    assertThat(writers.isSatisfiedBy(signed(org2.admin()))).isTrue();
    assertThat(writers.isSatisfiedBy(signed(org1.peer()))).isFalse();
    assertThat(channel.policy("/Channel/Application/Readers").isSatisfiedBy(signed(org1.peer())))
        .isTrue();
    assertThat(
            channel.policy("/Channel/Application/Endorsement").isSatisfiedBy(signed(org1.peer())))
        .as("MAJORITY of two orgs needs both")
        .isFalse();
    assertThat(
            channel
                .policy("/Channel/Application/Endorsement")
                .isSatisfiedBy(signed(org1.peer(), org2.peer())))
        .isTrue();
    assertThat(
            channel
                .policy("/Channel/Application/Org1MSP/Writers")
                .isSatisfiedBy(signed(org2.user())))
        .isFalse();
    assertThat(channel.policy("/Channel/Application/NoSuch").isSatisfiedBy(signed(org1.admin())))
        .isFalse();
    assertThat(channel.policy("/Channel/Writers").isSatisfiedBy(signed(org1.user()))).isTrue();
  }

  @Test
  void aBlockInTheShapeConfigtxgenWritesIsRead() {
    Channel channel = Channel.fromConfigBlock(configtxgenStyleBlock());
    assertThat(channel.id()).isEqualTo("mychannel");
    assertThat(channel.organizations())
        .extracting(Organization::name)
        .containsExactly("Org1MSP", "Org2MSP");
    assertThat(channel.msps().get("OrdererMSP"))
        .as("orderer orgs are channel members too")
        .isPresent();
    assertThat(channel.applicationCapabilities()).containsExactly("V2_5");
    assertThat(channel.proposePolicyPath()).isEqualTo("/Channel/Application/Writers");
    assertThat(channel.aclPolicy("qscc/GetChainInfo")).contains("/Channel/Application/Readers");
    assertThat(channel.aclPolicy("_lifecycle/CommitChaincodeDefinition"))
        .contains("/Channel/Application/Writers");
    assertThat(channel.policy("/Channel/Application/Writers").isSatisfiedBy(signed(org2.user())))
        .isTrue();
    assertThat(channel.policy("/Channel/Orderer/Writers").isSatisfiedBy(signed(orderer.peer())))
        .as("no orderer OU among OrdererMSP's peer0 (it is a 'peer'), and Writers wants member")
        .isTrue();
    assertThat(
            channel.policy("/Channel/Orderer/BlockValidation").isSatisfiedBy(signed(org1.user())))
        .isFalse();
  }

  @Test
  void oneMspIdWithTwoDifferentConfigurationsIsRejectedAsFabricRejectsIt() {
    TestOrg impostor =
        TestOrg.generate(directory.resolve("impostor"), "org1.example.com", "Org1MSP");
    Block block =
        GenesisBlock.create(
            "mychannel",
            List.of(
                org1.organization(),
                new Organization("Org1Again", impostor.organization().mspConfig())),
            Instant.now());
    assertThatThrownBy(() -> Channel.fromConfigBlock(block))
        .isInstanceOf(ChannelException.class)
        .hasMessage("Attempted to define two different versions of MSP: Org1MSP");
  }

  @Test
  void blocksThatAreNotConfigBlocksAreRejected() {
    Block block = GenesisBlock.create("mychannel", List.of(org1.organization()), Instant.now());
    Block noData = block.toBuilder().setData(BlockData.getDefaultInstance()).build();
    assertThatThrownBy(() -> Channel.fromConfigBlock(noData))
        .hasMessageContaining("no transaction");
    Payload endorser =
        Payload.newBuilder()
            .setHeader(
                Header.newBuilder()
                    .setChannelHeader(
                        ChannelHeader.newBuilder()
                            .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                            .setChannelId("mychannel")
                            .build()
                            .toByteString()))
            .build();
    Block transaction =
        block.toBuilder()
            .setData(
                BlockData.newBuilder()
                    .addData(
                        Envelope.newBuilder()
                            .setPayload(endorser.toByteString())
                            .build()
                            .toByteString()))
            .build();
    assertThatThrownBy(() -> Channel.fromConfigBlock(transaction))
        .hasMessageContaining("is not a config block");
    Block garbage =
        block.toBuilder()
            .setData(BlockData.newBuilder().addData(ByteString.copyFromUtf8("\u0008\u00ff\u00ff")))
            .build();
    assertThatThrownBy(() -> Channel.fromConfigBlock(garbage))
        .isInstanceOf(ChannelException.class)
        .hasMessageContaining("cannot unmarshal the Envelope");
  }

  /**
   * A genesis block built the way configtxgen's encoder builds one for the test network's {@code
   * ChannelUsingRaft} profile: an Orderer group with its org and values, an Application group with
   * ACLs, capabilities V2_5 and orgs with anchor peers, all mod policies Admins.
   */
  private static Block configtxgenStyleBlock() {
    ConfigGroup application =
        ConfigGroup.newBuilder()
            .setModPolicy("Admins")
            .putGroups("Org1MSP", orgGroup(org1, "peer0.org1.example.com", 7051))
            .putGroups("Org2MSP", orgGroup(org2, "peer0.org2.example.com", 9051))
            .putPolicies("Readers", implicit("ANY", "Readers"))
            .putPolicies("Writers", implicit("ANY", "Writers"))
            .putPolicies("Admins", implicit("MAJORITY", "Admins"))
            .putPolicies("LifecycleEndorsement", implicit("MAJORITY", "Endorsement"))
            .putPolicies("Endorsement", implicit("MAJORITY", "Endorsement"))
            .putValues(
                "ACLs",
                value(
                    ACLs.newBuilder()
                        .putAcls("peer/Propose", api("/Channel/Application/Writers"))
                        .putAcls("qscc/GetChainInfo", api("/Channel/Application/Readers"))
                        .putAcls("_lifecycle/CommitChaincodeDefinition", api("Writers"))
                        .build()))
            .putValues("Capabilities", value(capabilities("V2_5")))
            .build();
    ConfigGroup ordererOrg =
        ConfigGroup.newBuilder()
            .setModPolicy("Admins")
            .putValues(
                "MSP",
                value(
                    MSPConfig.newBuilder()
                        .setConfig(
                            MspFolder.read(orderer.layout().mspDirectory(), "OrdererMSP")
                                .toByteString())
                        .build()))
            .putValues(
                "Endpoints",
                ConfigValue.newBuilder()
                    .setModPolicy("Admins")
                    .setValue(ByteString.copyFromUtf8("\n\u0017orderer.example.com:7050"))
                    .build())
            .putPolicies("Readers", signature("OR('OrdererMSP.member')"))
            .putPolicies("Writers", signature("OR('OrdererMSP.member')"))
            .putPolicies("Admins", signature("OR('OrdererMSP.admin')"))
            .build();
    ConfigGroup ordererGroup =
        ConfigGroup.newBuilder()
            .setModPolicy("Admins")
            .putGroups("OrdererOrg", ordererOrg)
            .putPolicies("Readers", implicit("ANY", "Readers"))
            .putPolicies("Writers", implicit("ANY", "Writers"))
            .putPolicies("Admins", implicit("MAJORITY", "Admins"))
            .putPolicies("BlockValidation", implicit("ANY", "Writers"))
            .putValues("BatchSize", opaque())
            .putValues("BatchTimeout", opaque())
            .putValues("ChannelRestrictions", opaque())
            .putValues("ConsensusType", opaque())
            .putValues("Capabilities", value(capabilities("V2_0")))
            .build();
    ConfigGroup root =
        ConfigGroup.newBuilder()
            .setModPolicy("Admins")
            .putGroups("Application", application)
            .putGroups("Orderer", ordererGroup)
            .putPolicies("Readers", implicit("ANY", "Readers"))
            .putPolicies("Writers", implicit("ANY", "Writers"))
            .putPolicies("Admins", implicit("MAJORITY", "Admins"))
            .putValues("HashingAlgorithm", opaque())
            .putValues("BlockDataHashingStructure", opaque())
            .putValues(
                "OrdererAddresses",
                value(
                    OrdererAddresses.newBuilder().addAddresses("orderer.example.com:7050").build()))
            .putValues("Capabilities", value(capabilities("V2_0")))
            .build();
    Payload payload =
        Payload.newBuilder()
            .setHeader(
                Header.newBuilder()
                    .setChannelHeader(
                        ChannelHeader.newBuilder()
                            .setType(HeaderType.CONFIG_VALUE)
                            .setVersion(1)
                            .setChannelId("mychannel")
                            .setTimestamp(Timestamp.newBuilder().setSeconds(1_764_000_000))
                            .setTxId("0b1c")
                            .build()
                            .toByteString())
                    .setSignatureHeader(
                        SignatureHeader.newBuilder()
                            .setNonce(ByteString.copyFromUtf8("nonce"))
                            .build()
                            .toByteString()))
            .setData(
                ConfigEnvelope.newBuilder()
                    .setConfig(Config.newBuilder().setChannelGroup(root))
                    .build()
                    .toByteString())
            .build();
    return Block.newBuilder()
        .setHeader(BlockHeader.newBuilder().setNumber(0))
        .setData(
            BlockData.newBuilder()
                .addData(
                    Envelope.newBuilder()
                        .setPayload(payload.toByteString())
                        .build()
                        .toByteString()))
        .build();
  }

  private static ConfigGroup orgGroup(TestOrg org, String anchorHost, int anchorPort) {
    String id = org.mspId();
    return ConfigGroup.newBuilder()
        .setModPolicy("Admins")
        .putValues(
            "MSP",
            value(
                MSPConfig.newBuilder()
                    .setConfig(org.organization().mspConfig().toByteString())
                    .build()))
        .putValues(
            "AnchorPeers",
            value(
                AnchorPeers.newBuilder()
                    .addAnchorPeers(AnchorPeer.newBuilder().setHost(anchorHost).setPort(anchorPort))
                    .build()))
        .putPolicies(
            "Readers", signature("OR('" + id + ".admin', '" + id + ".peer', '" + id + ".client')"))
        .putPolicies("Writers", signature("OR('" + id + ".admin', '" + id + ".client')"))
        .putPolicies("Admins", signature("OR('" + id + ".admin')"))
        .putPolicies("Endorsement", signature("OR('" + id + ".peer')"))
        .build();
  }

  private static ConfigPolicy implicit(String rule, String subPolicy) {
    return ConfigPolicy.newBuilder()
        .setModPolicy("Admins")
        .setPolicy(
            Policy.newBuilder()
                .setType(Policy.PolicyType.IMPLICIT_META_VALUE)
                .setValue(
                    ImplicitMetaPolicy.newBuilder()
                        .setRule(ImplicitMetaPolicy.Rule.valueOf(rule))
                        .setSubPolicy(subPolicy)
                        .build()
                        .toByteString()))
        .build();
  }

  private static ConfigPolicy signature(String expression) {
    return ConfigPolicy.newBuilder()
        .setModPolicy("Admins")
        .setPolicy(
            Policy.newBuilder()
                .setType(Policy.PolicyType.SIGNATURE_VALUE)
                .setValue(PolicyExpression.parse(expression).toByteString()))
        .build();
  }

  private static ConfigValue value(Message message) {
    return ConfigValue.newBuilder().setModPolicy("Admins").setValue(message.toByteString()).build();
  }

  private static ConfigValue opaque() {
    return ConfigValue.newBuilder()
        .setModPolicy("Admins")
        .setValue(ByteString.copyFromUtf8("x"))
        .build();
  }

  private static APIResource api(String ref) {
    return APIResource.newBuilder().setPolicyRef(ref).build();
  }

  private static Capabilities capabilities(String name) {
    return Capabilities.newBuilder()
        .putAllCapabilities(Map.of(name, Capability.getDefaultInstance()))
        .build();
  }

  private static SignatureSet signed(SigningIdentity... signers) {
    return SignatureSet.of(
        java.util.Arrays.stream(signers)
            .map(
                s ->
                    new SignedData(
                        DATA, s.serialized(), ByteString.copyFrom(s.sign(DATA.toByteArray()))))
            .toList());
  }
}
