package dev.weft.peer.lifecycle;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.msp.MspException;
import dev.weft.peer.msp.Msps;
import dev.weft.peer.policy.PolicyException;
import dev.weft.peer.policy.SignaturePolicy;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.peer.CollectionConfig;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.StaticCollectionConfig;

/**
 * Fabric's checks of a definition's private data collections, made when a definition is approved or
 * committed: well-formed, uniquely named, sensible peer counts, a member policy that is an OR of
 * the channel's organisations, and no collection of the committed definition dropped or given a new
 * block-to-live.
 */
final class CollectionRules {

  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9-]+([A-Za-z0-9_-]+)*$");

  private CollectionRules() {}

  /** Throws a {@link LifecycleException} with Fabric's message if the collections are invalid. */
  static void check(
      CollectionConfigPackage proposed, Msps channelMsps, CollectionConfigPackage committed) {
    List<StaticCollectionConfig> collections = statics(proposed);
    Set<String> names = new HashSet<>();
    for (StaticCollectionConfig c : collections) {
      if (!NAME.matcher(c.getName()).matches()) {
        throw new LifecycleException(
            "invalid collection name '"
                + c.getName()
                + "'. Names can only consist of alphanumerics, '_', and '-' and cannot begin with"
                + " '_'");
      }
      if (!names.add(c.getName())) {
        throw new LifecycleException(
            "collection-name: " + c.getName() + " -- found duplicate in collection configuration");
      }
      if (c.getMaximumPeerCount() < c.getRequiredPeerCount()) {
        throw new LifecycleException(
            "collection-name: "
                + c.getName()
                + " -- maximum peer count ("
                + c.getMaximumPeerCount()
                + ") cannot be less than the required peer count ("
                + c.getRequiredPeerCount()
                + ")");
      }
      if (c.getRequiredPeerCount() < 0) {
        throw new LifecycleException(
            "collection-name: "
                + c.getName()
                + " -- requiredPeerCount ("
                + c.getRequiredPeerCount()
                + ") cannot be less than zero");
      }
      checkMemberOrgs(c, channelMsps);
    }
    checkAgainstCommitted(collections, committed);
  }

  private static List<StaticCollectionConfig> statics(CollectionConfigPackage collections) {
    return collections.getConfigList().stream()
        .map(
            config -> {
              if (config.getPayloadCase()
                  != CollectionConfig.PayloadCase.STATIC_COLLECTION_CONFIG) {
                throw new LifecycleException("collection configuration is empty");
              }
              return config.getStaticCollectionConfig();
            })
        .toList();
  }

  private static void checkMemberOrgs(StaticCollectionConfig c, Msps channelMsps) {
    if (!c.hasMemberOrgsPolicy()) {
      throw new LifecycleException(
          "collection member policy is not set for collection '" + c.getName() + "'");
    }
    if (!c.getMemberOrgsPolicy().hasSignaturePolicy()) {
      throw new LifecycleException(
          "collection member org policy is empty for collection '" + c.getName() + "'");
    }
    var policy = c.getMemberOrgsPolicy().getSignaturePolicy();
    try {
      SignaturePolicy.of(policy, channelMsps);
    } catch (PolicyException e) {
      throw new LifecycleException(
          "invalid member org policy for collection '" + c.getName() + "': " + e.getMessage());
    }
    requireOrOnly(c.getName(), policy.getRule());
    for (MSPPrincipal principal : policy.getIdentitiesList()) {
      String member;
      try {
        member =
            switch (principal.getPrincipalClassification()) {
              case ROLE -> MSPRole.parseFrom(principal.getPrincipal()).getMspIdentifier();
              case ORGANIZATION_UNIT ->
                  OrganizationUnit.parseFrom(principal.getPrincipal()).getMspIdentifier();
              case IDENTITY -> {
                try {
                  yield channelMsps.deserialize(principal.getPrincipal()).mspId();
                } catch (MspException e) {
                  throw new LifecycleException(
                      "collection-name: "
                          + c.getName()
                          + " -- contains an identity that is not part of the channel");
                }
              }
              default ->
                  throw new LifecycleException(
                      "collection-name: "
                          + c.getName()
                          + " -- principal type "
                          + principal.getPrincipalClassification()
                          + " is not supported");
            };
      } catch (InvalidProtocolBufferException e) {
        throw new LifecycleException(
            "collection-name: " + c.getName() + " -- cannot unmarshal identity bytes", e);
      }
      if (channelMsps.get(member).isEmpty()) {
        throw new LifecycleException(
            "collection-name: "
                + c.getName()
                + " -- collection member '"
                + member
                + "' is not part of the channel");
      }
    }
  }

  private static void requireOrOnly(
      String collection, org.hyperledger.fabric.protos.common.SignaturePolicy rule) {
    if (!rule.hasNOutOf()) {
      return;
    }
    if (rule.getNOutOf().getN() != 1) {
      throw new LifecycleException(
          "collection-name: "
              + collection
              + " -- error in member org policy: signature policy is not an OR concatenation,"
              + " NOutOf "
              + rule.getNOutOf().getN());
    }
    rule.getNOutOf().getRulesList().forEach(sub -> requireOrOnly(collection, sub));
  }

  private static void checkAgainstCommitted(
      List<StaticCollectionConfig> proposed, CollectionConfigPackage committed) {
    if (committed.getConfigCount() == 0) {
      return;
    }
    if (proposed.isEmpty()) {
      throw new LifecycleException(
          "the proposed collection config does not contain previously defined collections");
    }
    Map<String, StaticCollectionConfig> byName = new HashMap<>();
    proposed.forEach(c -> byName.put(c.getName(), c));
    for (CollectionConfig config : committed.getConfigList()) {
      if (!config.hasStaticCollectionConfig()) {
        throw new LifecycleException("unknown collection configuration type");
      }
      StaticCollectionConfig old = config.getStaticCollectionConfig();
      StaticCollectionConfig now = byName.get(old.getName());
      if (now == null) {
        throw new LifecycleException(
            "existing collection ["
                + old.getName()
                + "] missing in the proposed collection configuration");
      }
      if (now.getBlockToLive() != old.getBlockToLive()) {
        throw new LifecycleException(
            "the BlockToLive in an existing collection ["
                + old.getName()
                + "] modified. Existing value ["
                + old.getBlockToLive()
                + "]");
      }
    }
  }
}
