package dev.weft.peer.lifecycle;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.weft.peer.chaincode.SystemChaincode;
import dev.weft.peer.chaincode.SystemInvocation;
import dev.weft.peer.channel.Channel;
import dev.weft.peer.channel.Channels;
import dev.weft.peer.ledger.TxSimulator;
import dev.weft.peer.msp.Msp;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesArgs;

/**
 * The {@code _lifecycle} system chaincode, as Fabric's: {@code args[0]} names the function, {@code
 * args[1]} is its marshalled {@code <Function>Args} message, and a success answers status 200 with
 * the marshalled {@code <Function>Result}. Before dispatching it checks the arguments, the
 * channel's V2_0 application capability and access ({@link LifecycleAccess}); a failure answers
 * status 500 with Fabric's message, a definition that does not exist status 404.
 */
public final class LifecycleChaincode implements SystemChaincode {

  private static final Set<String> LIFECYCLE_CAPABILITIES = Set.of("V2_0", "V2_5");

  private final Channels channels;
  private final String mspId;
  private final LifecycleAccess access;
  private final PackageFunctions packages;

  /**
   * @param channels the channels this peer has joined
   * @param localMsp the peer's own MSP: its id is the organisation whose approvals this peer makes,
   *     its admins may install packages and approve definitions
   * @param installed the peer's installed packages
   * @param build builds each package as it is installed; install answers when it is built
   */
  public LifecycleChaincode(
      Channels channels, Msp localMsp, InstalledChaincodes installed, PackageBuild build) {
    this.channels = channels;
    this.mspId = localMsp.id();
    this.access = new LifecycleAccess(localMsp);
    this.packages = new PackageFunctions(installed, build);
  }

  @Override
  public String name() {
    return LifecycleKeys.NAMESPACE;
  }

  @Override
  public Response invoke(SystemInvocation invocation) {
    List<ByteString> args = invocation.input().getArgsList();
    if (args.isEmpty()) {
      return error("lifecycle scc must be invoked with arguments");
    }
    if (args.size() != 2) {
      return error(
          "lifecycle scc operations require exactly two arguments but received " + args.size());
    }
    Optional<Channel> channel = Optional.empty();
    if (!invocation.channelId().isEmpty()) {
      channel = channels.get(invocation.channelId());
      if (channel.isEmpty()) {
        return error("could not get channelconfig for channel '" + invocation.channelId() + "'");
      }
      if (channel.get().applicationCapabilities().stream()
          .noneMatch(LIFECYCLE_CAPABILITIES::contains)) {
        return error(
            "cannot use new lifecycle for channel '"
                + invocation.channelId()
                + "' as it does not have the required capabilities enabled");
      }
    }
    String function = args.get(0).toStringUtf8();
    try {
      access.check(function, channel, invocation.signedProposal());
    } catch (LifecycleException e) {
      return error("Failed to authorize invocation due to failed ACL check: " + e.getMessage());
    }
    try {
      Message result = dispatch(function, args.get(1), channel, invocation.simulator());
      return Response.newBuilder().setStatus(200).setPayload(result.toByteString()).build();
    } catch (NamespaceNotDefinedException e) {
      return Response.newBuilder().setStatus(404).setMessage(e.getMessage()).build();
    } catch (LifecycleException e) {
      return error(
          "failed to invoke backing implementation of '" + function + "': " + e.getMessage());
    }
  }

  private Message dispatch(
      String function, ByteString input, Optional<Channel> channel, Optional<TxSimulator> sim) {
    return switch (function) {
      case "InstallChaincode" ->
          packages.install(parse(function, InstallChaincodeArgs.parser(), input));
      case "QueryInstalledChaincode" ->
          packages.queryInstalled(parse(function, QueryInstalledChaincodeArgs.parser(), input));
      case "QueryInstalledChaincodes" ->
          packages.queryAllInstalled(parse(function, QueryInstalledChaincodesArgs.parser(), input));
      case "GetInstalledChaincodePackage" ->
          packages.getPackage(parse(function, GetInstalledChaincodePackageArgs.parser(), input));
      case "ApproveChaincodeDefinitionForMyOrg" ->
          onChannel(
              channel,
              sim,
              f ->
                  f.approve(
                      parse(function, ApproveChaincodeDefinitionForMyOrgArgs.parser(), input)));
      case "CheckCommitReadiness" ->
          onChannel(
              channel,
              sim,
              f ->
                  f.checkCommitReadiness(
                      parse(function, CheckCommitReadinessArgs.parser(), input)));
      case "CommitChaincodeDefinition" ->
          onChannel(
              channel,
              sim,
              f -> f.commit(parse(function, CommitChaincodeDefinitionArgs.parser(), input)));
      case "QueryApprovedChaincodeDefinition" ->
          onChannel(
              channel,
              sim,
              f ->
                  f.queryApproved(
                      parse(function, QueryApprovedChaincodeDefinitionArgs.parser(), input)));
      case "QueryApprovedChaincodeDefinitions" ->
          onChannel(
              channel,
              sim,
              f ->
                  f.queryAllApproved(
                      parse(function, QueryApprovedChaincodeDefinitionsArgs.parser(), input)));
      case "QueryChaincodeDefinition" ->
          onChannel(
              channel,
              sim,
              f ->
                  f.queryDefinition(parse(function, QueryChaincodeDefinitionArgs.parser(), input)));
      case "QueryChaincodeDefinitions" ->
          onChannel(
              channel,
              sim,
              f ->
                  f.queryAllDefinitions(
                      parse(function, QueryChaincodeDefinitionsArgs.parser(), input)));
      default ->
          throw new LifecycleException(
              "receiver *lifecycle.Invocation." + function + " does not exist");
    };
  }

  private Message onChannel(
      Optional<Channel> channel,
      Optional<TxSimulator> simulator,
      Function<DefinitionFunctions, Message> function) {
    if (channel.isEmpty() || simulator.isEmpty()) {
      throw new LifecycleException("no application config for channel ''");
    }
    return function.apply(new DefinitionFunctions(channel.get(), mspId, simulator.get()));
  }

  private static <T extends Message> T parse(String function, Parser<T> parser, ByteString input) {
    try {
      return parser.parseFrom(input);
    } catch (InvalidProtocolBufferException e) {
      throw new LifecycleException(
          "could not decode input arg for *lifecycle.Invocation."
              + function
              + ": "
              + e.getMessage());
    }
  }

  private static Response error(String message) {
    return Response.newBuilder().setStatus(500).setMessage(message).build();
  }
}
