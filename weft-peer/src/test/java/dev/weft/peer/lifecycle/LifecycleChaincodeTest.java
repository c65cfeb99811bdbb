package dev.weft.peer.lifecycle;

import static dev.weft.peer.testing.TestNode.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.weft.peer.ledger.StateSnapshot;
import dev.weft.peer.ledger.VersionedValue;
import dev.weft.peer.msp.SigningIdentity;
import dev.weft.peer.testing.LifecycleCalls;
import dev.weft.peer.testing.ProposalClient;
import dev.weft.peer.testing.ScriptedChaincode;
import dev.weft.peer.testing.TestNode;
import dev.weft.peer.testing.TransactionEnvelopes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeEndorsementInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeValidationInfo;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageResult;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryApprovedChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;
import org.hyperledger.fabric.protos.peer.lifecycle.StateData;
import org.hyperledger.fabric.protos.peer.lifecycle.StateMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code _lifecycle} system chaincode on a whole peer (RocksDB ledger, real endorser, orderer
 * and committer): packages installed by the peer's admin, definitions approved and committed
 * through the ledger, and chaincodes then run and validated under their definitions.
 */
class LifecycleChaincodeTest {

  private static final String PACKAGE_ID = "cc_2.0:" + "ab".repeat(32);

  @TempDir static Path directory;
  private static TestNode node;
  private static LifecycleCalls lifecycle;
  private static SigningIdentity admin;
  private static SigningIdentity user;

  @BeforeAll
  static void start() {
    node = TestNode.start(directory.resolve("peer"));
    lifecycle = new LifecycleCalls(node);
    admin = node.org().admin();
    user = node.org().user();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static ApproveChaincodeDefinitionForMyOrgArgs approval(
      String name, long sequence, String version) {
    return ApproveChaincodeDefinitionForMyOrgArgs.newBuilder()
        .setName(name)
        .setSequence(sequence)
        .setVersion(version)
        .setSource(
            ChaincodeSource.newBuilder()
                .setLocalPackage(ChaincodeSource.Local.newBuilder().setPackageId(PACKAGE_ID)))
        .build();
  }

  static CommitChaincodeDefinitionArgs commit(ApproveChaincodeDefinitionForMyOrgArgs approved) {
    return CommitChaincodeDefinitionArgs.newBuilder()
        .setName(approved.getName())
        .setSequence(approved.getSequence())
        .setVersion(approved.getVersion())
        .setInitRequired(approved.getInitRequired())
        .setValidationParameter(approved.getValidationParameter())
        .build();
  }

  /** Approves and commits a definition; both transactions must be valid. */
  static void define(ApproveChaincodeDefinitionForMyOrgArgs approved) throws Exception {
    assertThat(lifecycle.submit(admin, "ApproveChaincodeDefinitionForMyOrg", approved))
        .isEqualTo(TxValidationCode.VALID);
    assertThat(lifecycle.submit(admin, "CommitChaincodeDefinition", commit(approved)))
        .isEqualTo(TxValidationCode.VALID);
  }

  @Test
  void thePeersAdminInstallsListsAndDownloadsPackagesWithoutAChannel() throws Exception {
    Path source = Files.createDirectories(directory.resolve("src"));
    Files.writeString(
        source.resolve("connection.json"),
        "{\"address\":\"127.0.0.1:9999\",\"dial_timeout\":\"10s\",\"tls_required\":false}");
    byte[] bytes = ChaincodePackageWriter.build(source, "ccaas", "basic_1.0", "basic");
    InstallChaincodeArgs install =
        InstallChaincodeArgs.newBuilder()
            .setChaincodeInstallPackage(ByteString.copyFrom(bytes))
            .build();

    ProposalResponse installed = lifecycle.call(admin, "", "InstallChaincode", install);

    assertThat(installed.getResponse().getStatus()).isEqualTo(200);
    assertThat(installed.hasEndorsement()).isTrue();
    InstallChaincodeResult result =
        InstallChaincodeResult.parseFrom(installed.getResponse().getPayload());
    String packageId = ChaincodePackage.packageId("basic_1.0", bytes);
    assertThat(result.getLabel()).isEqualTo("basic_1.0");
    assertThat(result.getPackageId()).isEqualTo(packageId);
    // As in Fabric, the package was built before the install answered.
    assertThat(buildDirectory(packageId).resolve("build.log")).content().contains("built by ccaas");
    assertThat(lifecycle.call(admin, "", "InstallChaincode", install).getResponse().getMessage())
        .isEqualTo(
            "failed to invoke backing implementation of 'InstallChaincode': chaincode already"
                + " successfully installed (package ID '"
                + packageId
                + "')");
    assertThat(installedPackageIds()).containsExactly(packageId);
    GetInstalledChaincodePackageResult downloaded =
        GetInstalledChaincodePackageResult.parseFrom(
            lifecycle
                .call(
                    admin,
                    "",
                    "GetInstalledChaincodePackage",
                    GetInstalledChaincodePackageArgs.newBuilder().setPackageId(packageId).build())
                .getResponse()
                .getPayload());
    assertThat(downloaded.getChaincodeInstallPackage().toByteArray()).isEqualTo(bytes);
  }

  @Test
  void aPackageThatCannotBeBuiltIsNotInstalledAndTheAnswerSaysWhyAndWhereTheLogIs()
      throws Exception {
    Path source = Files.createDirectories(directory.resolve("go-src"));
    Files.writeString(source.resolve("go.mod"), "module example.com/cc\n");
    Files.writeString(source.resolve("main.go"), "package main\n");
    byte[] bytes = ChaincodePackageWriter.build(source, "golang", "gocc_1.0", "example.com/cc");
    String packageId = ChaincodePackage.packageId("gocc_1.0", bytes);
    InstallChaincodeArgs install =
        InstallChaincodeArgs.newBuilder()
            .setChaincodeInstallPackage(ByteString.copyFrom(bytes))
            .build();

    for (int attempt = 1; attempt <= 2; attempt++) {
      ProposalResponse refused = lifecycle.call(admin, "", "InstallChaincode", install);

      assertThat(refused.getResponse().getStatus()).isEqualTo(500);
      assertThat(refused.getResponse().getMessage())
          .startsWith(
              "failed to invoke backing implementation of 'InstallChaincode': could not build"
                  + " chaincode: package "
                  + packageId
                  + " failed to build: no builder accepts package "
                  + packageId
                  + " of type golang")
          .contains("full build log: " + buildDirectory(packageId).resolve("build.log"));
    }
    assertThat(installedPackageIds()).doesNotContain(packageId);
  }

  @Test
  void onlyAnAdminOfThePeersOrganisationMayInstallOrApprove() throws Exception {
    ProposalResponse install =
        lifecycle.call(
            user,
            "",
            "QueryInstalledChaincodes",
            QueryInstalledChaincodesArgs.getDefaultInstance());
    ProposalResponse approve =
        lifecycle.call(
            user, CHANNEL, "ApproveChaincodeDefinitionForMyOrg", approval("nope", 1, "1.0"));

    for (ProposalResponse refused : List.of(install, approve)) {
      assertThat(refused.getResponse().getStatus()).isEqualTo(500);
      assertThat(refused.getResponse().getMessage())
          .startsWith(
              "Failed to authorize invocation due to failed ACL check: Failed verifying that"
                  + " proposal's creator satisfies local MSP principal during channelless check"
                  + " policy with policy [Admins]: [");
      assertThat(refused.hasEndorsement()).isFalse();
    }
  }

  @Test
  void aCommittedDefinitionIsStoredAsFabricStoresItAndTheChaincodeRunsUnderIt() throws Exception {
    ApproveChaincodeDefinitionForMyOrgArgs approved = approval("cc", 1, "2.0");
    assertThat(lifecycle.submit(admin, "ApproveChaincodeDefinitionForMyOrg", approved))
        .isEqualTo(TxValidationCode.VALID);
    CheckCommitReadinessResult readiness =
        CheckCommitReadinessResult.parseFrom(
            lifecycle
                .call(
                    user,
                    CHANNEL,
                    "CheckCommitReadiness",
                    CheckCommitReadinessArgs.newBuilder()
                        .setName("cc")
                        .setSequence(1)
                        .setVersion("2.0")
                        .build())
                .getResponse()
                .getPayload());
    assertThat(readiness.getApprovalsMap()).containsExactly(java.util.Map.entry("Org1MSP", true));
    assertThat(lifecycle.submit(admin, "CommitChaincodeDefinition", commit(approved)))
        .isEqualTo(TxValidationCode.VALID);

    QueryChaincodeDefinitionResult defined =
        QueryChaincodeDefinitionResult.parseFrom(
            lifecycle
                .call(
                    user,
                    CHANNEL,
                    "QueryChaincodeDefinition",
                    QueryChaincodeDefinitionArgs.newBuilder().setName("cc").build())
                .getResponse()
                .getPayload());
    assertThat(defined.getSequence()).isEqualTo(1);
    assertThat(defined.getVersion()).isEqualTo("2.0");
    assertThat(defined.getEndorsementPlugin()).isEqualTo("escc");
    assertThat(defined.getValidationPlugin()).isEqualTo("vscc");
    assertThat(defined.getValidationParameter())
        .isEqualTo(EndorsementPolicyBytes.channelConfigPolicy("/Channel/Application/Endorsement"));
    assertThat(defined.getApprovalsMap()).containsExactly(java.util.Map.entry("Org1MSP", true));
    QueryApprovedChaincodeDefinitionResult approvedByUs =
        QueryApprovedChaincodeDefinitionResult.parseFrom(
            lifecycle
                .call(
                    admin,
                    CHANNEL,
                    "QueryApprovedChaincodeDefinition",
                    QueryApprovedChaincodeDefinitionArgs.newBuilder().setName("cc").build())
                .getResponse()
                .getPayload());
    assertThat(approvedByUs.getSource().getLocalPackage().getPackageId()).isEqualTo(PACKAGE_ID);

    // Fabric's encoding, key by key.
    try (StateSnapshot state = node.ledger().snapshot()) {
      assertThat(StateMetadata.parseFrom(value(state, "namespaces/metadata/cc")))
          .isEqualTo(
              StateMetadata.newBuilder()
                  .setDatatype("ChaincodeDefinition")
                  .addAllFields(
                      List.of("Sequence", "EndorsementInfo", "ValidationInfo", "Collections"))
                  .build());
      assertThat(StateData.parseFrom(value(state, "namespaces/fields/cc/Sequence")))
          .isEqualTo(StateData.newBuilder().setInt64(1).build());
      assertThat(StateData.parseFrom(value(state, "namespaces/fields/cc/EndorsementInfo")))
          .isEqualTo(
              StateData.newBuilder()
                  .setBytes(
                      ChaincodeEndorsementInfo.newBuilder()
                          .setVersion("2.0")
                          .setEndorsementPlugin("escc")
                          .build()
                          .toByteString())
                  .build());
      assertThat(StateData.parseFrom(value(state, "namespaces/fields/cc/ValidationInfo")))
          .isEqualTo(
              StateData.newBuilder()
                  .setBytes(
                      ChaincodeValidationInfo.newBuilder()
                          .setValidationPlugin("vscc")
                          .setValidationParameter(
                              EndorsementPolicyBytes.channelConfigPolicy(
                                  "/Channel/Application/Endorsement"))
                          .build()
                          .toByteString())
                  .build());
      assertThat(value(state, "namespaces/fields/cc/Collections"))
          .isEqualTo(ByteString.fromHex("1200"));
      assertThat(
              StateData.parseFrom(
                  value(state, "orgs/Org1MSP/chaincode-sources/fields/cc#1/PackageID")))
          .isEqualTo(StateData.newBuilder().setString(PACKAGE_ID).build());
    }

    // Run under the definition: its version is endorsed, its sequence read is recorded.
    try (ScriptedChaincode chaincode =
        ScriptedChaincode.register(node.peer().chaincodeAddress(), "cc:1.0")) {
      ProposalResponse response = invokeCc(chaincode);
      ChaincodeAction action =
          ChaincodeAction.parseFrom(
              ProposalResponsePayload.parseFrom(response.getPayload()).getExtension());
      assertThat(action.getChaincodeId().getVersion()).isEqualTo("2.0");
      TxReadWriteSet rwSet = TxReadWriteSet.parseFrom(action.getResults());
      NsReadWriteSet lifecycleReads = rwSet.getNsRwset(0);
      assertThat(lifecycleReads.getNamespace()).isEqualTo("_lifecycle");
      assertThat(KVRWSet.parseFrom(lifecycleReads.getRwset()).getReadsList())
          .extracting(KVRead::getKey)
          .containsExactly("namespaces/fields/cc/Sequence");
    }
  }

  @Test
  void aTransactionEndorsedUnderTheOldDefinitionFailsMvccAfterAnUpgrade() throws Exception {
    define(approval("upgraded", 1, "1.0"));
    try (ScriptedChaincode chaincode =
        ScriptedChaincode.register(node.peer().chaincodeAddress(), "upgraded:1.0")) {
      ProposalClient.Built proposal = new ProposalClient(user).proposal(CHANNEL, "upgraded", "x");
      CompletableFuture<ProposalResponse> sent = node.send(proposal.signed());
      chaincode.complete(chaincode.expect(ChaincodeMessage.Type.TRANSACTION), ByteString.EMPTY);
      ProposalResponse endorsedBefore = sent.get(10, TimeUnit.SECONDS);
      assertThat(endorsedBefore.hasEndorsement()).isTrue();

      define(approval("upgraded", 2, "1.1"));

      assertThat(
              lifecycle.submit(
                  TransactionEnvelopes.fromEndorsements(
                      proposal.proposal(), List.of(endorsedBefore), user),
                  proposal.txId()))
          .isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
    }
  }

  @Test
  void theDefinitionsEndorsementPolicyDecidesAtCommit() throws Exception {
    define(
        approval("strict", 1, "1.0").toBuilder()
            .setValidationParameter(
                EndorsementPolicyBytes.signaturePolicy("AND('Org1MSP.peer','Org2MSP.peer')"))
            .build());
    define(
        approval("loose", 1, "1.0").toBuilder()
            .setValidationParameter(EndorsementPolicyBytes.signaturePolicy("OR('Org1MSP.peer')"))
            .build());

    assertThat(writeEndorsedByThePeer("strict"))
        .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
    assertThat(writeEndorsedByThePeer("loose")).isEqualTo(TxValidationCode.VALID);
    // A chaincode without a definition keeps the configured policy (development mode).
    assertThat(writeEndorsedByThePeer("undefined")).isEqualTo(TxValidationCode.VALID);
  }

  @Test
  void onlyTheLifecycleMayWriteItsNamespace() throws Exception {
    TransactionEnvelopes.Built forged =
        TransactionEnvelopes.build(
            new TransactionEnvelopes.Spec(
                user,
                CHANNEL,
                "cc",
                "1.0",
                TransactionEnvelopes.write("_lifecycle", "namespaces/fields/forged/Sequence", "x"),
                List.of(node.peer().identity())));

    assertThat(lifecycle.submit(forged.envelope(), forged.txId()))
        .isEqualTo(TxValidationCode.ILLEGAL_WRITESET);
  }

  @Test
  void wrongSequencesMissingApprovalsAndBadInputAreRefusedWithFabricsMessages() throws Exception {
    assertThat(
            message(
                lifecycle.call(
                    admin,
                    CHANNEL,
                    "ApproveChaincodeDefinitionForMyOrg",
                    approval("fresh", 2, "1.0"))))
        .isEqualTo(
            "failed to invoke backing implementation of 'ApproveChaincodeDefinitionForMyOrg':"
                + " requested sequence 2 is larger than the next available sequence number 1");
    assertThat(
            message(
                lifecycle.call(
                    admin,
                    CHANNEL,
                    "CommitChaincodeDefinition",
                    commit(approval("fresh", 1, "1.0")))))
        .isEqualTo(
            "failed to invoke backing implementation of 'CommitChaincodeDefinition': chaincode"
                + " definition not agreed to by this org (Org1MSP)");
    assertThat(
            message(
                lifecycle.call(
                    admin,
                    CHANNEL,
                    "CommitChaincodeDefinition",
                    commit(approval("fresh", 3, "1.0")))))
        .isEqualTo(
            "failed to invoke backing implementation of 'CommitChaincodeDefinition': requested"
                + " sequence is 3, but new definition must be sequence 1");
    assertThat(
            message(
                lifecycle.call(
                    admin,
                    CHANNEL,
                    "ApproveChaincodeDefinitionForMyOrg",
                    approval("_bad", 1, "1.0"))))
        .isEqualTo(
            "failed to invoke backing implementation of 'ApproveChaincodeDefinitionForMyOrg':"
                + " error validating chaincode definition: invalid chaincode name '_bad'. Names"
                + " can only consist of alphanumerics, '_', and '-' and can only begin with"
                + " alphanumerics");
    assertThat(
            message(
                lifecycle.call(
                    admin,
                    CHANNEL,
                    "ApproveChaincodeDefinitionForMyOrg",
                    approval("fresh", 1, "1.0").toBuilder()
                        .setValidationParameter(ByteString.copyFromUtf8("garbage"))
                        .build())))
        .startsWith(
            "failed to invoke backing implementation of 'ApproveChaincodeDefinitionForMyOrg':"
                + " error validating chaincode definition: the validation parameter is not a"
                + " valid endorsement policy");
    ApproveChaincodeDefinitionForMyOrgArgs once = approval("twice", 1, "1.0");
    assertThat(lifecycle.submit(admin, "ApproveChaincodeDefinitionForMyOrg", once))
        .isEqualTo(TxValidationCode.VALID);
    assertThat(message(lifecycle.call(admin, CHANNEL, "ApproveChaincodeDefinitionForMyOrg", once)))
        .isEqualTo(
            "failed to invoke backing implementation of 'ApproveChaincodeDefinitionForMyOrg':"
                + " attempted to redefine uncommitted sequence (1) for namespace twice with"
                + " unchanged content");
    assertThatThrownBy(() -> EndorsementPolicyBytes.signaturePolicy("AND('Org1MSP.peer'"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid signature policy: AND('Org1MSP.peer'");
    ProposalResponse undefined =
        lifecycle.call(
            user,
            CHANNEL,
            "QueryChaincodeDefinition",
            QueryChaincodeDefinitionArgs.newBuilder().setName("fresh").build());
    assertThat(undefined.getResponse().getStatus()).isEqualTo(404);
    assertThat(undefined.getResponse().getMessage()).isEqualTo("namespace fresh is not defined");
  }

  @Test
  void definitionsAreLedgerStateAndSurviveARestart(@TempDir Path own) throws Exception {
    try (TestNode first = TestNode.start(own)) {
      LifecycleCalls calls = new LifecycleCalls(first);
      SigningIdentity ownAdmin = first.org().admin();
      ApproveChaincodeDefinitionForMyOrgArgs approved = approval("kept", 1, "1.0");
      assertThat(calls.submit(ownAdmin, "ApproveChaincodeDefinitionForMyOrg", approved))
          .isEqualTo(TxValidationCode.VALID);
      assertThat(calls.submit(ownAdmin, "CommitChaincodeDefinition", commit(approved)))
          .isEqualTo(TxValidationCode.VALID);
    }
    try (TestNode again = TestNode.start(own)) {
      QueryChaincodeDefinitionsResult defined =
          QueryChaincodeDefinitionsResult.parseFrom(
              new LifecycleCalls(again)
                  .call(
                      again.org().user(),
                      CHANNEL,
                      "QueryChaincodeDefinitions",
                      QueryChaincodeDefinitionsArgs.getDefaultInstance())
                  .getResponse()
                  .getPayload());
      assertThat(defined.getChaincodeDefinitionsList())
          .extracting(d -> d.getName() + ":" + d.getSequence() + ":" + d.getVersion())
          .containsExactly("kept:1:1.0");
    }
  }

  @Test
  void aDefinitionThatRequiresInitMustBeInitialisedOnceFirst() throws Exception {
    define(approval("needsinit", 1, "1.0").toBuilder().setInitRequired(true).build());
    try (ScriptedChaincode chaincode =
        ScriptedChaincode.register(node.peer().chaincodeAddress(), "needsinit:1.0")) {
      ProposalClient client = new ProposalClient(user);

      ProposalResponse early =
          node.send(client.proposal(CHANNEL, "needsinit", "get").signed())
              .get(10, TimeUnit.SECONDS);
      assertThat(early.getResponse().getMessage())
          .isEqualTo(
              "error in simulation: invalid invocation: chaincode 'needsinit' has not been"
                  + " initialized for this version, must call as init first");

      ProposalClient.Built init = asInit(client, client.proposal(CHANNEL, "needsinit", "init"));
      CompletableFuture<ProposalResponse> sent = node.send(init.signed());
      chaincode.complete(chaincode.expect(ChaincodeMessage.Type.INIT), ByteString.EMPTY);
      ProposalResponse initialised = sent.get(10, TimeUnit.SECONDS);
      assertThat(
              lifecycle.submit(
                  TransactionEnvelopes.fromEndorsements(
                      init.proposal(), List.of(initialised), user),
                  init.txId()))
          .isEqualTo(TxValidationCode.VALID);

      ProposalClient.Built again = asInit(client, client.proposal(CHANNEL, "needsinit", "init"));
      assertThat(node.send(again.signed()).get(10, TimeUnit.SECONDS).getResponse().getMessage())
          .isEqualTo(
              "error in simulation: invalid invocation: chaincode 'needsinit' is already"
                  + " initialized but called as init");
      CompletableFuture<ProposalResponse> later =
          node.send(client.proposal(CHANNEL, "needsinit", "get").signed());
      chaincode.complete(chaincode.expect(ChaincodeMessage.Type.TRANSACTION), ByteString.EMPTY);
      assertThat(later.get(10, TimeUnit.SECONDS).getResponse().getStatus()).isEqualTo(200);
    }
  }

  @Test
  void anApprovalIsValidatedAgainstTheApprovingOrganisationsPolicy() throws Exception {
    // Endorsed by this peer: enough for its own organisation, not for one outside the channel.
    assertThat(lifecycleWrite("orgs/Org1MSP/namespaces/metadata/forged#1"))
        .isEqualTo(TxValidationCode.VALID);
    assertThat(lifecycleWrite("orgs/Org9MSP/namespaces/metadata/forged#1"))
        .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
  }

  /** The proposal with {@code is_init} set, signed again. */
  private static ProposalClient.Built asInit(ProposalClient client, ProposalClient.Built built)
      throws Exception {
    var spec =
        org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec.parseFrom(
            built.payload().getInput());
    var withInit =
        spec.toBuilder()
            .setChaincodeSpec(
                spec.getChaincodeSpec().toBuilder()
                    .setInput(spec.getChaincodeSpec().getInput().toBuilder().setIsInit(true)))
            .build();
    var payload = built.payload().toBuilder().setInput(withInit.toByteString()).build();
    var proposal = built.proposal().toBuilder().setPayload(payload.toByteString()).build();
    return new ProposalClient.Built(
        client.sign(proposal.toByteString()),
        proposal,
        built.channelHeader(),
        built.signatureHeader(),
        payload);
  }

  private static TxValidationCode lifecycleWrite(String key) throws Exception {
    TransactionEnvelopes.Built tx =
        TransactionEnvelopes.build(
            new TransactionEnvelopes.Spec(
                user,
                CHANNEL,
                "_lifecycle",
                "syscc",
                TransactionEnvelopes.write("_lifecycle", key, "x"),
                List.of(node.peer().identity())));
    return lifecycle.submit(tx.envelope(), tx.txId());
  }

  private static ProposalResponse invokeCc(ScriptedChaincode chaincode) throws Exception {
    ProposalClient.Built proposal = new ProposalClient(user).proposal(CHANNEL, "cc", "get");
    CompletableFuture<ProposalResponse> sent = node.send(proposal.signed());
    chaincode.complete(chaincode.expect(ChaincodeMessage.Type.TRANSACTION), ByteString.EMPTY);
    ProposalResponse response = sent.get(10, TimeUnit.SECONDS);
    assertThat(response.getResponse().getStatus()).isEqualTo(200);
    return response;
  }

  private static TxValidationCode writeEndorsedByThePeer(String chaincode) throws Exception {
    TransactionEnvelopes.Built tx =
        TransactionEnvelopes.build(
            new TransactionEnvelopes.Spec(
                user,
                CHANNEL,
                chaincode,
                "1.0",
                TransactionEnvelopes.write(chaincode, "k", "v"),
                List.of(node.peer().identity())));
    return lifecycle.submit(tx.envelope(), tx.txId());
  }

  private static String message(ProposalResponse response) {
    assertThat(response.getResponse().getStatus()).isEqualTo(500);
    return response.getResponse().getMessage();
  }

  private static ByteString value(StateSnapshot state, String key) {
    return state.get("_lifecycle", key).map(VersionedValue::value).orElseThrow();
  }

  /** The package ids QueryInstalledChaincodes lists. */
  private static List<String> installedPackageIds() throws Exception {
    return QueryInstalledChaincodesResult.parseFrom(
            lifecycle
                .call(
                    admin,
                    "",
                    "QueryInstalledChaincodes",
                    QueryInstalledChaincodesArgs.getDefaultInstance())
                .getResponse()
                .getPayload())
        .getInstalledChaincodesList()
        .stream()
        .map(QueryInstalledChaincodesResult.InstalledChaincode::getPackageId)
        .toList();
  }

  private static Path buildDirectory(String packageId) {
    return directory
        .resolve("peer/lifecycle/builds")
        .resolve(PackageBuildDirectories.directoryName(packageId))
        .toAbsolutePath();
  }
}
