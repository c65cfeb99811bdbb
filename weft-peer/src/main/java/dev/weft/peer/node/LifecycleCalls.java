package dev.weft.peer.node;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.lifecycle.LifecycleKeys;
import dev.weft.peer.lifecycle.LifecycleProposal;
import dev.weft.peer.msp.SigningIdentity;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;

/**
 * The calls {@code weft chaincode deploy} makes to the peer's {@code _lifecycle} chaincode, as an
 * organisation admin: install through the Endorser (it has no channel, which the Gateway cannot
 * carry), the rest through the Gateway with Fabric's client library.
 */
final class LifecycleCalls implements AutoCloseable {

  private static final long INSTALL_DEADLINE_MINUTES = 60;

  private final GatewayConnection connection;
  private final SigningIdentity admin;

  private LifecycleCalls(GatewayConnection connection, SigningIdentity admin) {
    this.connection = connection;
    this.admin = admin;
  }

  static LifecycleCalls open(PeerEndpointFile.Endpoint endpoint, Path adminMsp, String mspId) {
    SigningIdentity admin = SigningIdentity.load(adminMsp, mspId);
    return new LifecycleCalls(GatewayConnection.open(endpoint, adminMsp, mspId), admin);
  }

  /**
   * Installs a package; completes normally also when it is installed already.
   *
   * @return whether it was installed by this call
   */
  boolean install(byte[] packageBytes, String packageId) {
    // The peer answers once the package is built, which it limits by its chaincode.startupTimeout
    // (five minutes unless raised); the deadline is only there so that a lost peer is noticed.
    ProposalResponse response =
        EndorserGrpc.newBlockingStub(connection.channel())
            .withDeadlineAfter(INSTALL_DEADLINE_MINUTES, TimeUnit.MINUTES)
            .processProposal(
                LifecycleProposal.create(
                        admin,
                        "",
                        "InstallChaincode",
                        InstallChaincodeArgs.newBuilder()
                            .setChaincodeInstallPackage(ByteString.copyFrom(packageBytes))
                            .build())
                    .signed());
    int status = response.getResponse().getStatus();
    String message = response.getResponse().getMessage();
    if (status == 200) {
      String installed = parse(response.getResponse().getPayload()).getPackageId();
      if (!installed.equals(packageId)) {
        throw new IllegalStateException(
            "the peer installed the package as " + installed + ", not " + packageId);
      }
      return true;
    }
    if (message.contains("chaincode already successfully installed")) {
      return false;
    }
    throw new IllegalStateException(
        "install of package " + packageId + " failed (status " + status + "): " + message);
  }

  /** The committed definitions of the channel. */
  QueryChaincodeDefinitionsResult definitions(String channel) {
    byte[] result =
        call(
            () ->
                lifecycle(channel)
                    .evaluateTransaction(
                        "QueryChaincodeDefinitions",
                        QueryChaincodeDefinitionsArgs.getDefaultInstance().toByteArray()),
            "query the definitions on channel " + channel);
    try {
      return QueryChaincodeDefinitionsResult.parseFrom(result);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(
          "the peer's QueryChaincodeDefinitions answer is malformed", e);
    }
  }

  /** The package this organisation approved for a definition, if it approved one with a package. */
  Optional<String> approvedPackage(String channel, String name, long sequence) {
    byte[] result;
    try {
      result =
          lifecycle(channel)
              .evaluateTransaction(
                  "QueryApprovedChaincodeDefinition",
                  QueryApprovedChaincodeDefinitionArgs.newBuilder()
                      .setName(name)
                      .setSequence(sequence)
                      .build()
                      .toByteArray());
    } catch (GatewayException e) {
      String message = ChaincodeCommand.describe(e);
      if (message.contains("could not fetch approved chaincode definition")) {
        return Optional.empty(); // nothing approved for this sequence
      }
      throw new IllegalStateException(
          "cannot query this organisation's approval of " + name + ": " + message, e);
    }
    try {
      QueryApprovedChaincodeDefinitionResult approved =
          QueryApprovedChaincodeDefinitionResult.parseFrom(result);
      return approved.getSource().hasLocalPackage()
          ? Optional.of(approved.getSource().getLocalPackage().getPackageId())
          : Optional.empty();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(
          "the peer's QueryApprovedChaincodeDefinition answer is malformed", e);
    }
  }

  void approve(String channel, ApproveChaincodeDefinitionForMyOrgArgs args) {
    submit(channel, "ApproveChaincodeDefinitionForMyOrg", args.toByteArray(), "approve");
  }

  void commit(String channel, CommitChaincodeDefinitionArgs args) {
    submit(channel, "CommitChaincodeDefinition", args.toByteArray(), "commit");
  }

  private void submit(String channel, String function, byte[] args, String step) {
    Status status =
        call(
            () ->
                lifecycle(channel)
                    .newProposal(function)
                    .addArguments(args)
                    .build()
                    .endorse()
                    .submitAsync()
                    .getStatus(),
            step + " the definition on channel " + channel);
    if (!status.isSuccessful()) {
      throw new IllegalStateException(
          "the "
              + step
              + " transaction "
              + status.getTransactionId()
              + " was not committed: "
              + status.getCode());
    }
  }

  private Contract lifecycle(String channel) {
    return connection.gateway().getNetwork(channel).getContract(LifecycleKeys.NAMESPACE);
  }

  private interface GatewayCall<T> {
    T call()
        throws GatewayException,
            EndorseException,
            SubmitException,
            CommitStatusException,
            CommitException;
  }

  private static <T> T call(GatewayCall<T> call, String what) {
    try {
      return call.call();
    } catch (GatewayException | CommitException e) {
      throw new IllegalStateException("cannot " + what + ": " + ChaincodeCommand.describe(e), e);
    }
  }

  private static InstallChaincodeResult parse(ByteString payload) {
    try {
      return InstallChaincodeResult.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("the peer's InstallChaincode answer is malformed", e);
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
