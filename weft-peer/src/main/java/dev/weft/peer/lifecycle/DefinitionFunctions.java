package dev.weft.peer.lifecycle;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.channel.Channel;
import dev.weft.peer.channel.Organization;
import dev.weft.peer.ledger.TxSimulator;
import dev.weft.peer.policy.PolicyException;
import dev.weft.peer.policy.SignaturePolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgResult;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionsResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle functions of one channel, in one transaction: approve a definition for this peer's
 * organisation, check and commit a definition, and query approved and committed definitions. The
 * checks, their order, the keys read and written and the messages are Fabric's ({@code
 * lifecycle.ExternalFunctions} and the {@code Invocation} methods of its system chaincode); the one
 * difference is where approvals live (see {@link LifecycleKeys}).
 */
final class DefinitionFunctions {

  private static final Logger log = LoggerFactory.getLogger(DefinitionFunctions.class);

  private static final Pattern CHAINCODE_NAME =
      Pattern.compile("^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$");
  private static final Pattern CHAINCODE_VERSION = Pattern.compile("^[A-Za-z0-9_.+-]+$");
  private static final Set<String> SYSTEM_CHAINCODE_NAMES =
      Set.of("cscc", "escc", "lscc", "qscc", "vscc");
  private static final String LOCAL_PACKAGE_DATATYPE = "ChaincodeLocalPackage";

  private final Channel channel;
  private final String mspId;
  private final LifecycleState publicState;
  private final LifecycleState myOrgState;
  private final TxSimulator simulator;

  /**
   * @param mspId this peer's organisation
   * @param simulator the transaction's simulation, which records every read and write
   */
  DefinitionFunctions(Channel channel, String mspId, TxSimulator simulator) {
    this.channel = channel;
    this.mspId = mspId;
    this.simulator = simulator;
    this.publicState = SimulatedState.of(simulator);
    this.myOrgState = SimulatedState.ofOrg(simulator, mspId);
  }

  ApproveChaincodeDefinitionForMyOrgResult approve(ApproveChaincodeDefinitionForMyOrgArgs args) {
    validateInput(args.getName(), args.getVersion(), args.getCollections());
    String packageId =
        args.getSource().getTypeCase() == ChaincodeSource.TypeCase.LOCAL_PACKAGE
            ? args.getSource().getLocalPackage().getPackageId()
            : "";
    long requested = args.getSequence();
    Definition proposed =
        new Definition(
            requested,
            parameters(
                args.getVersion(),
                args.getEndorsementPlugin(),
                args.getInitRequired(),
                args.getValidationPlugin(),
                args.getValidationParameter(),
                args.getCollections()));
    String name = args.getName();
    long current = currentSequence(name);
    if (current == requested && requested == 0) {
      throw new LifecycleException(
          "requested sequence is 0, but first definable sequence number is 1");
    }
    if (requested < current) {
      throw new LifecycleException(
          "currently defined sequence "
              + current
              + " is larger than requested sequence "
              + requested);
    }
    if (requested > current + 1) {
      throw new LifecycleException(
          "requested sequence "
              + requested
              + " is larger than the next available sequence number "
              + (current + 1));
    }
    Definition approved = withDefaults(proposed);
    String approvalName = LifecycleKeys.approvalName(name, requested);
    if (requested == current) {
      StateMetadata metadata =
          StateSerializer.metadata(LifecycleKeys.NAMESPACES, name, publicState)
              .orElseThrow(
                  () ->
                      new LifecycleException(
                          "missing metadata for currently committed sequence number ("
                              + current
                              + ")"));
      Definition committed = Definition.read(name, metadata, publicState);
      Optional<String> difference = committed.parameters().difference(approved.parameters());
      if (difference.isPresent()) {
        throw new LifecycleException(
            "attempted to redefine the current committed sequence ("
                + current
                + ") for namespace "
                + name
                + " with different parameters: "
                + difference.get());
      }
      if (isAttemptToRedefine(approvalName, packageId, approved)) {
        throw new LifecycleException(
            "attempted to redefine the current committed sequence ("
                + current
                + ") for namespace "
                + name);
      }
    } else if (isAttemptToRedefine(approvalName, packageId, approved)) {
      throw new LifecycleException(
          "attempted to redefine uncommitted sequence ("
              + requested
              + ") for namespace "
              + name
              + " with unchanged content");
    }
    StateSerializer.serialize(
        LifecycleKeys.NAMESPACES, approvalName, approved.parameters().structure(), myOrgState);
    // Written even when empty: an empty package id tells this org's peers not to run it.
    StateSerializer.serialize(
        LifecycleKeys.CHAINCODE_SOURCES, approvalName, localPackage(packageId), myOrgState);
    log.info(
        "approved chaincode {} sequence {} with package id '{}' on channel {} for {}",
        name,
        requested,
        packageId,
        channel.id(),
        mspId);
    return ApproveChaincodeDefinitionForMyOrgResult.getDefaultInstance();
  }

  CheckCommitReadinessResult checkCommitReadiness(CheckCommitReadinessArgs args) {
    Definition proposed =
        new Definition(
            args.getSequence(),
            parameters(
                args.getVersion(),
                args.getEndorsementPlugin(),
                args.getInitRequired(),
                args.getValidationPlugin(),
                args.getValidationParameter(),
                args.getCollections()));
    Approvals approvals = readiness(args.getName(), proposed);
    CheckCommitReadinessResult.Builder result =
        CheckCommitReadinessResult.newBuilder().putAllApprovals(approvals.approved());
    approvals
        .mismatches()
        .forEach(
            (org, items) ->
                result.putMismatches(
                    org,
                    CheckCommitReadinessResult.Mismatches.newBuilder().addAllItems(items).build()));
    return result.build();
  }

  CommitChaincodeDefinitionResult commit(CommitChaincodeDefinitionArgs args) {
    validateInput(args.getName(), args.getVersion(), args.getCollections());
    if (channel.organizations().stream().noneMatch(org -> org.mspId().equals(mspId))) {
      throw new LifecycleException(
          "impossibly, this peer's org is processing requests for a channel it is not a member"
              + " of");
    }
    Definition proposed =
        new Definition(
            args.getSequence(),
            parameters(
                args.getVersion(),
                args.getEndorsementPlugin(),
                args.getInitRequired(),
                args.getValidationPlugin(),
                args.getValidationParameter(),
                args.getCollections()));
    Approvals approvals = readiness(args.getName(), proposed);
    StateSerializer.serialize(
        LifecycleKeys.NAMESPACES, args.getName(), withDefaults(proposed).structure(), publicState);
    if (!approvals.approved().getOrDefault(mspId, false)) {
      throw new LifecycleException(
          "chaincode definition not agreed to by this org (" + mspId + ")");
    }
    log.info(
        "endorsed the commit of chaincode {} sequence {} on channel {}",
        args.getName(),
        args.getSequence(),
        channel.id());
    return CommitChaincodeDefinitionResult.getDefaultInstance();
  }

  QueryApprovedChaincodeDefinitionResult queryApproved(QueryApprovedChaincodeDefinitionArgs args) {
    String name = args.getName();
    long requested = args.getSequence();
    if (requested == 0) {
      // The latest approval: of the next sequence if there is one, else of the current one.
      long current = currentSequence(name);
      requested = current;
      if (StateSerializer.metadata(
              LifecycleKeys.NAMESPACES, LifecycleKeys.approvalName(name, current + 1), myOrgState)
          .isPresent()) {
        requested = current + 1;
      }
    }
    String approvalName = LifecycleKeys.approvalName(name, requested);
    long sequence = requested;
    StateMetadata metadata =
        StateSerializer.metadata(LifecycleKeys.NAMESPACES, approvalName, myOrgState)
            .orElseThrow(
                () ->
                    new LifecycleException(
                        "could not fetch approved chaincode definition (name: '"
                            + name
                            + "', sequence: '"
                            + sequence
                            + "') on channel '"
                            + channel.id()
                            + "'"));
    Approved approved = fetchApproved(approvalName, metadata);
    DefinitionParameters p = approved.parameters();
    return QueryApprovedChaincodeDefinitionResult.newBuilder()
        .setSequence(sequence)
        .setVersion(p.endorsementInfo().getVersion())
        .setEndorsementPlugin(p.endorsementInfo().getEndorsementPlugin())
        .setValidationPlugin(p.validationInfo().getValidationPlugin())
        .setValidationParameter(p.validationInfo().getValidationParameter())
        .setInitRequired(p.endorsementInfo().getInitRequired())
        .setCollections(p.collections())
        .setSource(approved.source())
        .build();
  }

  QueryApprovedChaincodeDefinitionsResult queryAllApproved(
      QueryApprovedChaincodeDefinitionsArgs args) {
    String prefix = LifecycleKeys.metadataKey(LifecycleKeys.NAMESPACES, "");
    record Found(String name, long sequence, Approved approved) {}
    List<Found> found = new ArrayList<>();
    for (Map.Entry<String, ByteString> entry : myOrgState.range(prefix).entrySet()) {
      String approvalName = entry.getKey().substring(prefix.length());
      String[] parts = approvalName.split("#", -1);
      long sequence;
      try {
        if (parts.length != 2) {
          throw new NumberFormatException();
        }
        sequence = Long.parseLong(parts[1]);
      } catch (NumberFormatException e) {
        throw new LifecycleException(
            "could not extract chaincode name and sequence number from metadata: "
                + approvalName
                + ": invalid private name format: "
                + approvalName);
      }
      found.add(
          new Found(parts[0], sequence, fetchApproved(approvalName, parse(entry.getValue()))));
    }
    found.sort(Comparator.comparing(Found::name).thenComparingLong(Found::sequence));
    QueryApprovedChaincodeDefinitionsResult.Builder result =
        QueryApprovedChaincodeDefinitionsResult.newBuilder();
    for (Found f : found) {
      DefinitionParameters p = f.approved().parameters();
      result.addApprovedChaincodeDefinitions(
          QueryApprovedChaincodeDefinitionsResult.ApprovedChaincodeDefinition.newBuilder()
              .setName(f.name())
              .setSequence(f.sequence())
              .setVersion(p.endorsementInfo().getVersion())
              .setEndorsementPlugin(p.endorsementInfo().getEndorsementPlugin())
              .setValidationPlugin(p.validationInfo().getValidationPlugin())
              .setValidationParameter(p.validationInfo().getValidationParameter())
              .setInitRequired(p.endorsementInfo().getInitRequired())
              .setCollections(p.collections())
              .setSource(f.approved().source()));
    }
    return result.build();
  }

  QueryChaincodeDefinitionResult queryDefinition(QueryChaincodeDefinitionArgs args) {
    Definition defined = committed(args.getName());
    DefinitionParameters p = defined.parameters();
    return QueryChaincodeDefinitionResult.newBuilder()
        .setSequence(defined.sequence())
        .setVersion(p.endorsementInfo().getVersion())
        .setEndorsementPlugin(p.endorsementInfo().getEndorsementPlugin())
        .setValidationPlugin(p.validationInfo().getValidationPlugin())
        .setValidationParameter(p.validationInfo().getValidationParameter())
        .setInitRequired(p.endorsementInfo().getInitRequired())
        .setCollections(p.collections())
        .putAllApprovals(orgApprovals(args.getName(), defined).approved())
        .build();
  }

  QueryChaincodeDefinitionsResult queryAllDefinitions(QueryChaincodeDefinitionsArgs args) {
    String prefix = LifecycleKeys.metadataKey(LifecycleKeys.NAMESPACES, "");
    QueryChaincodeDefinitionsResult.Builder result = QueryChaincodeDefinitionsResult.newBuilder();
    for (Map.Entry<String, ByteString> entry : publicState.range(prefix).entrySet()) {
      String name = entry.getKey().substring(prefix.length());
      String type = parse(entry.getValue()).getDatatype();
      if (!type.equals(Definition.DATATYPE)) {
        continue; // not a chaincode: Fabric defines no other namespace types yet
      }
      Definition defined = committed(name);
      DefinitionParameters p = defined.parameters();
      result.addChaincodeDefinitions(
          QueryChaincodeDefinitionsResult.ChaincodeDefinition.newBuilder()
              .setName(name)
              .setSequence(defined.sequence())
              .setVersion(p.endorsementInfo().getVersion())
              .setEndorsementPlugin(p.endorsementInfo().getEndorsementPlugin())
              .setValidationPlugin(p.validationInfo().getValidationPlugin())
              .setValidationParameter(p.validationInfo().getValidationParameter())
              .setInitRequired(p.endorsementInfo().getInitRequired())
              .setCollections(p.collections()));
    }
    return result.build();
  }

  /** Which organisations approved a definition, and what differs for those that did not. */
  private record Approvals(Map<String, Boolean> approved, Map<String, List<String>> mismatches) {}

  /** An approval as stored: its parameters and where this org's peers find the package. */
  private record Approved(DefinitionParameters parameters, ChaincodeSource source) {}

  /** Fabric's CheckCommitReadiness: the next sequence, defaults set, and who approved it. */
  private Approvals readiness(String name, Definition proposed) {
    long current = currentSequence(name);
    if (proposed.sequence() != current + 1) {
      throw new LifecycleException(
          "requested sequence is "
              + proposed.sequence()
              + ", but new definition must be sequence "
              + (current + 1));
    }
    return orgApprovals(name, withDefaults(proposed));
  }

  private Approvals orgApprovals(String name, Definition definition) {
    Map<String, Boolean> approved = new LinkedHashMap<>();
    Map<String, List<String>> mismatches = new LinkedHashMap<>();
    String approvalName = LifecycleKeys.approvalName(name, definition.sequence());
    for (Organization org : channel.organizations()) {
      List<String> differ =
          StateSerializer.mismatches(
              LifecycleKeys.NAMESPACES,
              approvalName,
              definition.parameters().structure(),
              SimulatedState.ofOrg(simulator, org.mspId()));
      approved.put(org.mspId(), differ.isEmpty());
      if (!differ.isEmpty()) {
        mismatches.put(org.mspId(), differ);
      }
    }
    return new Approvals(approved, mismatches);
  }

  private Definition committed(String name) {
    StateMetadata metadata =
        StateSerializer.metadata(LifecycleKeys.NAMESPACES, name, publicState)
            .orElseThrow(() -> new NamespaceNotDefinedException(name));
    return Definition.read(name, metadata, publicState);
  }

  private long currentSequence(String name) {
    try {
      return StateSerializer.int64(
          LifecycleKeys.NAMESPACES, name, LifecycleKeys.SEQUENCE, publicState);
    } catch (LifecycleException e) {
      throw new LifecycleException("could not get current sequence: " + e.getMessage());
    }
  }

  private boolean isAttemptToRedefine(String approvalName, String packageId, Definition proposed) {
    Optional<StateMetadata> metadata =
        StateSerializer.metadata(LifecycleKeys.NAMESPACES, approvalName, myOrgState);
    if (metadata.isEmpty()) {
      return false;
    }
    requireType(approvalName, DefinitionParameters.DATATYPE, metadata.get());
    DefinitionParameters stored =
        DefinitionParameters.read(LifecycleKeys.NAMESPACES, approvalName, myOrgState);
    if (stored.difference(proposed.parameters()).isPresent()) {
      return false;
    }
    Optional<StateMetadata> source =
        StateSerializer.metadata(LifecycleKeys.CHAINCODE_SOURCES, approvalName, myOrgState);
    if (source.isEmpty()) {
      return false;
    }
    requireType(approvalName, LOCAL_PACKAGE_DATATYPE, source.get());
    return StateSerializer.string(
            LifecycleKeys.CHAINCODE_SOURCES, approvalName, LifecycleKeys.PACKAGE_ID, myOrgState)
        .equals(packageId);
  }

  private Approved fetchApproved(String approvalName, StateMetadata metadata) {
    if (!metadata.getDatatype().equals(DefinitionParameters.DATATYPE)) {
      throw new LifecycleException("not a chaincode parameters type: " + metadata.getDatatype());
    }
    DefinitionParameters parameters =
        DefinitionParameters.read(LifecycleKeys.NAMESPACES, approvalName, myOrgState);
    StateMetadata source =
        StateSerializer.metadata(LifecycleKeys.CHAINCODE_SOURCES, approvalName, myOrgState)
            .orElseThrow(
                () ->
                    new LifecycleException(
                        "could not fetch chaincode-source metadata for " + approvalName));
    if (!source.getDatatype().equals(LOCAL_PACKAGE_DATATYPE)) {
      throw new LifecycleException("not a chaincode local package type: " + source.getDatatype());
    }
    String packageId =
        StateSerializer.string(
            LifecycleKeys.CHAINCODE_SOURCES, approvalName, LifecycleKeys.PACKAGE_ID, myOrgState);
    ChaincodeSource.Builder chaincodeSource = ChaincodeSource.newBuilder();
    if (packageId.isEmpty()) {
      chaincodeSource.setUnavailable(ChaincodeSource.Unavailable.getDefaultInstance());
    } else {
      chaincodeSource.setLocalPackage(ChaincodeSource.Local.newBuilder().setPackageId(packageId));
    }
    return new Approved(parameters, chaincodeSource.build());
  }

  /** Fabric's validateInput: name, version and collections. */
  private void validateInput(String name, String version, CollectionConfigPackage collections) {
    try {
      if (!CHAINCODE_NAME.matcher(name).matches()) {
        throw new LifecycleException(
            "invalid chaincode name '"
                + name
                + "'. Names can only consist of alphanumerics, '_', and '-' and can only begin"
                + " with alphanumerics");
      }
      if (SYSTEM_CHAINCODE_NAMES.contains(name)) {
        throw new LifecycleException(
            "chaincode name '" + name + "' is the name of a system chaincode");
      }
      if (!CHAINCODE_VERSION.matcher(version).matches()) {
        throw new LifecycleException(
            "invalid chaincode version '"
                + version
                + "'. Versions can only consist of alphanumerics, '_', '-', '+', and '.'");
      }
      // As Fabric, the committed definition is read through the transaction.
      CollectionConfigPackage committedCollections =
          Definition.find(name, publicState)
              .map(defined -> defined.parameters().collections())
              .orElse(CollectionConfigPackage.getDefaultInstance());
      CollectionRules.check(collections, channel.msps(), committedCollections);
    } catch (LifecycleException e) {
      throw new LifecycleException("error validating chaincode definition: " + e.getMessage());
    }
  }

  /**
   * Fabric's defaults: plugins escc and vscc, and as endorsement policy a reference to the
   * channel's {@code /Channel/Application/Endorsement}, which the channel must define. Weft also
   * refuses a validation parameter that is no valid endorsement policy, which Fabric accepts and
   * every later transaction of the chaincode then fails.
   */
  private Definition withDefaults(Definition definition) {
    DefinitionParameters p = definition.parameters();
    ChaincodeEndorsementInfo.Builder endorsement = p.endorsementInfo().toBuilder();
    if (endorsement.getEndorsementPlugin().isEmpty()) {
      endorsement.setEndorsementPlugin("escc");
    }
    ChaincodeValidationInfo.Builder validation = p.validationInfo().toBuilder();
    if (validation.getValidationPlugin().isEmpty()) {
      validation.setValidationPlugin("vscc");
    }
    if (validation.getValidationParameter().isEmpty()) {
      if (!channel.hasPolicy(EndorsementPolicyBytes.DEFAULT_ENDORSEMENT_POLICY)) {
        throw new LifecycleException(
            "could not set defaults for chaincode definition in channel "
                + channel.id()
                + ": policy '"
                + EndorsementPolicyBytes.DEFAULT_ENDORSEMENT_POLICY
                + "' must be defined for channel '"
                + channel.id()
                + "' before chaincode operations can be attempted");
      }
      validation.setValidationParameter(EndorsementPolicyBytes.channelDefault());
    } else {
      checkEndorsementPolicy(validation.getValidationParameter());
    }
    return new Definition(
        definition.sequence(),
        new DefinitionParameters(endorsement.build(), validation.build(), p.collections()));
  }

  private void checkEndorsementPolicy(ByteString parameter) {
    ApplicationPolicy policy;
    try {
      policy = ApplicationPolicy.parseFrom(parameter);
    } catch (InvalidProtocolBufferException e) {
      throw invalidPolicy("it is not an ApplicationPolicy");
    }
    switch (policy.getTypeCase()) {
      case SIGNATURE_POLICY -> {
        try {
          SignaturePolicy.of(policy.getSignaturePolicy(), channel.msps());
        } catch (PolicyException e) {
          throw invalidPolicy(e.getMessage());
        }
      }
      case CHANNEL_CONFIG_POLICY_REFERENCE -> {
        if (policy.getChannelConfigPolicyReference().isEmpty()) {
          throw invalidPolicy("it references no channel policy");
        }
      }
      default -> throw invalidPolicy("it names neither a signature policy nor a channel policy");
    }
  }

  private static LifecycleException invalidPolicy(String why) {
    return new LifecycleException(
        "error validating chaincode definition: the validation parameter is not a valid"
            + " endorsement policy: "
            + why);
  }

  private static DefinitionParameters parameters(
      String version,
      String endorsementPlugin,
      boolean initRequired,
      String validationPlugin,
      ByteString validationParameter,
      CollectionConfigPackage collections) {
    return new DefinitionParameters(
        ChaincodeEndorsementInfo.newBuilder()
            .setVersion(version)
            .setEndorsementPlugin(endorsementPlugin)
            .setInitRequired(initRequired)
            .build(),
        ChaincodeValidationInfo.newBuilder()
            .setValidationPlugin(validationPlugin)
            .setValidationParameter(validationParameter)
            .build(),
        collections);
  }

  private static StateStructure localPackage(String packageId) {
    return new StateStructure(
        LOCAL_PACKAGE_DATATYPE,
        List.of(Map.entry(LifecycleKeys.PACKAGE_ID, StateSerializer.string(packageId))));
  }

  private static void requireType(String name, String expected, StateMetadata metadata) {
    if (!metadata.getDatatype().equals(expected)) {
      throw new LifecycleException(
          "could not deserialize namespace "
              + name
              + " as chaincode: type name mismatch '"
              + expected
              + "' != '"
              + metadata.getDatatype()
              + "'");
    }
  }

  private static StateMetadata parse(ByteString metadata) {
    try {
      return StateMetadata.parseFrom(metadata);
    } catch (InvalidProtocolBufferException e) {
      throw new LifecycleException("error unmarshalling metadata", e);
    }
  }
}
