package dev.weft.peer.gateway;

import static dev.weft.peer.testing.TestNode.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.GET_STATE;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.PUT_STATE;
import static org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type.TRANSACTION;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.weft.peer.config.Setting;
import dev.weft.peer.ledger.BlockStore;
import dev.weft.peer.msp.SigningIdentity;
import dev.weft.peer.testing.ProposalClient;
import dev.weft.peer.testing.ScriptedChaincode;
import dev.weft.peer.testing.StreamObservers;
import dev.weft.peer.testing.TestNode;
import dev.weft.peer.testing.TestOrg;
import dev.weft.peer.testing.TransactionEnvelopes;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.orderer.SeekOldest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.orderer.SeekSpecified;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway service of a whole peer, over real gRPC, with chaincode scripted over the real
 * chaincode protocol: each method's answer, and the status codes, messages and error details of
 * Fabric's gateway for its failures.
 */
class GatewayServiceTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir static Path directory;
  private static TestNode node;
  private static ScriptedChaincode chaincode;
  private static ScriptedChaincode otherChaincode;
  private static SigningIdentity user;
  private static ProposalClient client;
  private static TestOrg stranger;

  @BeforeAll
  static void start() {
    node = TestNode.start(directory.resolve("peer"));
    chaincode = ScriptedChaincode.register(node.peer().chaincodeAddress(), "cc:1.0");
    otherChaincode = ScriptedChaincode.register(node.peer().chaincodeAddress(), "other:1.0");
    user = node.org().user();
    client = new ProposalClient(user);
    stranger = TestOrg.generate(directory.resolve("stranger"), "org9.example.com", "Org9MSP");
  }

  @AfterAll
  static void stop() {
    otherChaincode.close();
    chaincode.close();
    node.close();
  }

  @Test
  void evaluateReturnsTheChaincodesResponseAndCommitsNothing() throws Exception {
    long height = node.ledger().blocks().nextNumber();

    var evaluating = gateway().evaluate(evaluateRequest(client.proposal(CHANNEL, "cc", "get")));
    answer(chaincode, tx -> completed(tx, 200, "", "the value", null));
    EvaluateResponse response = evaluating.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(response.getResult().getStatus()).isEqualTo(200);
    assertThat(response.getResult().getPayload().toStringUtf8()).isEqualTo("the value");
    assertThat(node.ledger().blocks().nextNumber()).isEqualTo(height);
  }

  @Test
  void aChaincodeErrorOnEvaluateIsUnknownWithTheChaincodesMessageInADetailNamingThePeer() {
    var evaluating = gateway().evaluate(evaluateRequest(client.proposal(CHANNEL, "cc", "read")));
    answer(chaincode, tx -> completed(tx, 500, "asset a1 does not exist", "", null));

    StatusRuntimeException error = failure(evaluating);

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
    assertThat(error.getStatus().getDescription())
        .isEqualTo(
            "evaluate call to endorser returned error: chaincode response 500, asset a1 does not"
                + " exist");
    assertThat(details(error))
        .containsExactly(peerDetail("chaincode response 500, asset a1 does not exist"));
  }

  @Test
  void aChaincodeThatIsNotRunningIsNamedWithHowToDeployOrStartIt() {
    StatusRuntimeException evaluate =
        failure(gateway().evaluate(evaluateRequest(client.proposal(CHANNEL, "missing", "f"))));
    StatusRuntimeException endorse =
        failure(gateway().endorse(endorseRequest(client.proposal(CHANNEL, "missing", "f"))));

    String advice =
        "chaincode missing is not running on this peer: it is not deployed on channel mychannel"
            + " (weft chaincode deploy), and no chaincode has registered as"
            + " missing:<version>; start it in development mode with"
            + " CORE_CHAINCODE_ID_NAME=missing:<version> CORE_PEER_ADDRESS=127.0.0.1:"
            + node.peer().chaincodeAddress().getPort();
    assertThat(evaluate.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(evaluate.getStatus().getDescription())
        .isEqualTo(
            "no peers available to evaluate chaincode missing in channel mychannel: " + advice);
    assertThat(endorse.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(endorse.getStatus().getDescription())
        .isEqualTo(
            "no combination of peers can be derived which satisfy the endorsement policy: "
                + advice);
  }

  @Test
  void eachMethodAnswersAChannelThePeerHasNotJoinedWithFabricsCode() {
    StatusRuntimeException evaluate =
        failure(gateway().evaluate(evaluateRequest(client.proposal("nochannel", "cc", "f"))));
    StatusRuntimeException endorse =
        failure(gateway().endorse(endorseRequest(client.proposal("nochannel", "cc", "f"))));
    StatusRuntimeException submit =
        failure(
            gateway()
                .submit(
                    SubmitRequest.newBuilder()
                        .setChannelId("nochannel")
                        .setPreparedTransaction(
                            Envelope.newBuilder()
                                .setPayload(ByteString.copyFromUtf8("p"))
                                .setSignature(ByteString.copyFromUtf8("s")))
                        .build()));
    StatusRuntimeException commitStatus =
        failure(gateway().commitStatus(commitStatusRequest(user, "nochannel", "tx1")));
    StatusRuntimeException events =
        failure(firstEvents(eventsRequest(user, "nochannel", "cc", nextCommit(), "")));

    assertThat(evaluate.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(evaluate.getStatus().getDescription())
        .isEqualTo(
            "failed to get config for channel [nochannel]: could not get last config for channel"
                + " nochannel (this peer serves mychannel)");
    assertThat(endorse.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(endorse.getStatus().getDescription())
        .startsWith("no combination of peers can be derived which satisfy the endorsement policy:");
    assertThat(submit.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(commitStatus.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(commitStatus.getStatus().getDescription())
        .isEqualTo("Failed to get policy manager for channel [nochannel]");
    assertThat(events.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  @Test
  void requestsThatCannotBeReadAreInvalidArgument() {
    ProposalClient.Built proposal = client.proposal(CHANNEL, "cc", "f");
    SignedProposal garbage = client.sign(ByteString.copyFromUtf8("\u0012\u0005x"));

    assertInvalid(
        gateway().evaluate(EvaluateRequest.getDefaultInstance()),
        "failed to unpack transaction proposal: a signed proposal is required");
    assertInvalid(
        gateway().endorse(EndorseRequest.getDefaultInstance()),
        "the proposed transaction must contain a signed proposal");
    assertThat(
            failure(
                    gateway()
                        .endorse(
                            EndorseRequest.newBuilder().setProposedTransaction(garbage).build()))
                .getStatus())
        .satisfies(s -> assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
        .satisfies(s -> assertThat(s.getDescription()).startsWith("error unmarshalling Proposal"));
    assertInvalid(
        gateway().submit(SubmitRequest.newBuilder().setChannelId(CHANNEL).build()),
        "a prepared transaction is required");
    assertInvalid(
        gateway()
            .submit(
                SubmitRequest.newBuilder()
                    .setChannelId(CHANNEL)
                    .setPreparedTransaction(
                        Envelope.newBuilder().setPayload(proposal.proposal().getHeader()))
                    .build()),
        "prepared transaction must be signed");
    assertInvalid(
        gateway().commitStatus(SignedCommitStatusRequest.getDefaultInstance()),
        "a commit status request is required");
    assertInvalid(
        gateway().commitStatus(commitStatusRequest(user, CHANNEL, "")),
        "transaction ID should not be empty");
    assertInvalid(
        firstEvents(SignedChaincodeEventsRequest.getDefaultInstance()),
        "a chaincode events request is required");
    StatusRuntimeException oldest =
        failure(
            firstEvents(
                eventsRequest(
                    user,
                    CHANNEL,
                    "cc",
                    SeekPosition.newBuilder().setOldest(SeekOldest.getDefaultInstance()).build(),
                    "")));
    assertThat(oldest.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(oldest.getStatus().getDescription())
        .startsWith("invalid start position type: *orderer.SeekPosition_Oldest");
  }

  @Test
  void aProposalTheEndorserRefusesFailsEvaluateAsFailedPreconditionAndEndorseAsAborted() {
    ProposalClient.Built proposal = client.proposal(CHANNEL, "cc", "f");
    byte[] signature = proposal.signed().getSignature().toByteArray();
    signature[signature.length - 1] ^= 0x01;
    SignedProposal tampered =
        proposal.signed().toBuilder().setSignature(ByteString.copyFrom(signature)).build();
    String denied =
        "error validating proposal: access denied: channel [mychannel] creator org [Org1MSP]";

    StatusRuntimeException evaluate =
        failure(
            gateway()
                .evaluate(EvaluateRequest.newBuilder().setProposedTransaction(tampered).build()));
    StatusRuntimeException endorse =
        failure(
            gateway()
                .endorse(EndorseRequest.newBuilder().setProposedTransaction(tampered).build()));

    assertThat(evaluate.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(evaluate.getStatus().getDescription())
        .isEqualTo("evaluate call to endorser returned error: " + denied);
    assertThat(details(evaluate)).containsExactly(peerDetail(denied));
    assertThat(endorse.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
    assertThat(endorse.getStatus().getDescription())
        .isEqualTo("failed to endorse transaction, see attached details for more info");
    assertThat(details(endorse)).containsExactly(peerDetail(denied));
  }

  @Test
  void aProposalOutsideTheTimeWindowIsUnavailableAsFabricsAuthenticationFiltersMakeIt() {
    ProposalClient.Built late =
        client.build(
            ProposalClient.spec(CHANNEL, "cc", "f")
                .withTimestamp(Instant.now().minus(Duration.ofHours(1))));

    StatusRuntimeException evaluate = failure(gateway().evaluate(evaluateRequest(late)));

    assertThat(evaluate.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(evaluate.getStatus().getDescription())
        .isEqualTo("failed to evaluate transaction, see attached details for more info");
    assertThat(details(evaluate))
        .singleElement()
        .satisfies(
            detail ->
                assertThat(detail.getMessage())
                    .startsWith("request unauthorized due to incorrect timestamp"));
  }

  @Test
  void endorseSubmitAndCommitStatusCommitATransactionAndReportItValid() throws Exception {
    ProposalClient.Built proposal =
        client.build(
            ProposalClient.spec(CHANNEL, "cc", "put", "k1", "v1")
                .withTransient(Map.of("secret", ByteString.copyFromUtf8("not for the ledger"))));

    var endorsing = gateway().endorse(endorseRequest(proposal));
    answer(
        chaincode,
        tx -> {
          put(chaincode, tx, "k1", "v1");
          return completed(tx, 200, "", "stored", null);
        });
    Envelope prepared = endorsing.get(WAIT.toSeconds(), TimeUnit.SECONDS).getPreparedTransaction();

    assertThat(prepared.getSignature()).isEmpty();
    Payload payload = Payload.parseFrom(prepared.getPayload());
    assertThat(payload.getHeader().toByteString()).isEqualTo(proposal.proposal().getHeader());
    Transaction transaction = Transaction.parseFrom(payload.getData());
    assertThat(transaction.getActions(0).getHeader())
        .isEqualTo(proposal.signatureHeader().toByteString());
    ChaincodeActionPayload action =
        ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
    assertThat(ChaincodeProposalPayload.parseFrom(action.getChaincodeProposalPayload()))
        .isEqualTo(proposal.payload().toBuilder().clearTransientMap().build());
    assertThat(action.getAction().getEndorsementsList())
        .singleElement()
        .satisfies(e -> assertThat(e.getEndorser()).isEqualTo(node.peer().identity().serialized()));
    assertThat(
            ChaincodeAction.parseFrom(
                    ProposalResponsePayload.parseFrom(
                            action.getAction().getProposalResponsePayload())
                        .getExtension())
                .getResponse()
                .getPayload()
                .toStringUtf8())
        .isEqualTo("stored");

    gateway()
        .submit(submitRequest(proposal.txId(), prepared, user))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    CommitStatusResponse status =
        gateway()
            .commitStatus(commitStatusRequest(user, CHANNEL, proposal.txId()))
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);

    BlockStore.TransactionLocation committed =
        node.ledger().blocks().transaction(proposal.txId()).orElseThrow();
    assertThat(status.getResult()).isEqualTo(TxValidationCode.VALID);
    assertThat(status.getBlockNumber()).isEqualTo(committed.blockNumber());
  }

  @Test
  void aClientWhoseIdentityIsFromAnUnknownCaIsRefusedByTheEndorserWithFabricsCode() {
    ProposalClient.Built proposal =
        new ProposalClient(stranger.user()).proposal(CHANNEL, "cc", "f");

    StatusRuntimeException evaluate =
        failure(
            gateway()
                .evaluate(
                    EvaluateRequest.newBuilder()
                        .setProposedTransaction(proposal.signed())
                        .build()));

    assertThat(evaluate.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(evaluate.getStatus().getDescription())
        .startsWith("evaluate call to endorser returned error: error validating proposal:")
        .contains("access denied");
  }

  @Test
  void aSubmittedTransactionThisPeerDidNotEndorseCommitsAsAnEndorsementPolicyFailure()
      throws Exception {
    // Endorsed by a peer of an organisation outside the channel, submitted by a member.
    TransactionEnvelopes.Built notOurs =
        TransactionEnvelopes.build(
            new TransactionEnvelopes.Spec(
                user,
                CHANNEL,
                "cc",
                "1.0",
                TransactionEnvelopes.write("cc", "not-ours", "v"),
                List.of(stranger.peer())));

    gateway()
        .submit(
            SubmitRequest.newBuilder()
                .setTransactionId(notOurs.txId())
                .setChannelId(CHANNEL)
                .setPreparedTransaction(notOurs.envelope())
                .build())
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    CommitStatusResponse status =
        gateway()
            .commitStatus(commitStatusRequest(user, CHANNEL, notOurs.txId()))
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(status.getResult()).isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
  }

  @Test
  void aChaincodeErrorOnEndorseIsAbortedWithTheChaincodesMessageInTheDetail() {
    var endorsing = gateway().endorse(endorseRequest(client.proposal(CHANNEL, "cc", "transfer")));
    answer(chaincode, tx -> completed(tx, 500, "asset a1 is not owned by Tomoko", "", null));

    StatusRuntimeException error = failure(endorsing);

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
    assertThat(error.getStatus().getDescription())
        .isEqualTo("failed to endorse transaction, see attached details for more info");
    assertThat(details(error))
        .containsExactly(peerDetail("chaincode response 500, asset a1 is not owned by Tomoko"));
  }

  @Test
  void endorsingOrganizationsWithoutAPeerHereAreUnavailable() {
    EndorseRequest request =
        endorseRequest(client.proposal(CHANNEL, "cc", "f")).toBuilder()
            .addEndorsingOrganizations("Org2MSP")
            .build();

    StatusRuntimeException error = failure(gateway().endorse(request));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(error.getStatus().getDescription())
        .isEqualTo("failed to find any endorsing peers for org(s): Org2MSP");
  }

  @Test
  void aTransactionTheOrdererRefusesIsAbortedWithTheOrderersStatusAndInfo() {
    TransactionEnvelopes.Built foreign =
        TransactionEnvelopes.build(
            new TransactionEnvelopes.Spec(
                stranger.user(),
                CHANNEL,
                "cc",
                "1.0",
                TransactionEnvelopes.write("cc", "k", "v"),
                List.of(node.peer().identity())));

    StatusRuntimeException error =
        failure(
            gateway()
                .submit(
                    SubmitRequest.newBuilder()
                        .setTransactionId(foreign.txId())
                        .setChannelId(CHANNEL)
                        .setPreparedTransaction(foreign.envelope())
                        .build()));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
    assertThat(error.getStatus().getDescription())
        .startsWith("received unsuccessful response from orderer: status=FORBIDDEN, info=");
    assertThat(details(error)).isEmpty();
  }

  @Test
  void commitStatusOfATransactionNotCommittedYetWaitsForItsBlock() throws Exception {
    TransactionEnvelopes.Built later =
        TransactionEnvelopes.build(
            new TransactionEnvelopes.Spec(
                user,
                CHANNEL,
                "cc",
                "1.0",
                TransactionEnvelopes.write("cc", "later", "v"),
                List.of(node.peer().identity())));
    var waiting = gateway().commitStatus(commitStatusRequest(user, CHANNEL, later.txId()));
    Thread.sleep(300);
    assertThat(waiting.isDone()).as("answered before the transaction was submitted").isFalse();

    gateway()
        .submit(submitRequest(later.txId(), later.envelope(), null))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);

    CommitStatusResponse status = waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(status.getResult()).isEqualTo(TxValidationCode.VALID);
    assertThat(status.getBlockNumber())
        .isEqualTo(node.ledger().blocks().transaction(later.txId()).orElseThrow().blockNumber());
  }

  @Test
  void commitStatusOfATransactionThatNeverCommitsWaitsUntilTheClientsDeadline() {
    StatusRuntimeException error =
        failure(
            gateway()
                .withDeadlineAfter(500, TimeUnit.MILLISECONDS)
                .commitStatus(commitStatusRequest(user, CHANNEL, "0".repeat(64))));

    // Only the client's deadline ends the wait: no answer of the peer's own came first.
    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
  }

  @Test
  void aTransactionThatReadAKeyAnotherChangedFirstCommitsAsMvccReadConflict() throws Exception {
    ProposalClient.Built first = client.proposal(CHANNEL, "cc", "increment", "counter");
    ProposalClient.Built second = client.proposal(CHANNEL, "cc", "increment", "counter");
    Envelope firstPrepared = endorseReadWrite(first, "counter", "1");
    Envelope secondPrepared = endorseReadWrite(second, "counter", "1");

    CommitStatusResponse firstStatus = submitAndAwait(first.txId(), firstPrepared);
    CommitStatusResponse secondStatus = submitAndAwait(second.txId(), secondPrepared);

    assertThat(firstStatus.getResult()).isEqualTo(TxValidationCode.VALID);
    assertThat(secondStatus.getResult()).isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
    assertThat(secondStatus.getBlockNumber()).isGreaterThan(firstStatus.getBlockNumber());
  }

  @Test
  void signedRequestsTheChannelsReadersPolicyRejectsArePermissionDenied() {
    SignedCommitStatusRequest foreign = commitStatusRequest(stranger.user(), CHANNEL, "tx1");
    SignedCommitStatusRequest forged =
        commitStatusRequest(user, CHANNEL, "tx1").toBuilder()
            .setSignature(ByteString.copyFrom(stranger.user().sign(new byte[] {1})))
            .build();

    for (var request : List.of(foreign, forged)) {
      StatusRuntimeException error = failure(gateway().commitStatus(request));
      assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(error.getStatus().getDescription())
          .startsWith(
              "Failed evaluating policy on signed data during check policy on channel [mychannel]"
                  + " with policy [/Channel/Application/Readers]: [");
    }
    StatusRuntimeException events =
        failure(firstEvents(eventsRequest(stranger.user(), CHANNEL, "cc", nextCommit(), "")));
    assertThat(events.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  @Test
  void chaincodeEventsStreamsOneChaincodesCommittedEventsFromAStartBlock() throws Exception {
    long start = node.ledger().blocks().nextNumber();
    String created = commitWithEvent(chaincode, "cc", "created", "a1");
    commitWithEvent(otherChaincode, "other", "unrelated", "x");
    String updated = commitWithEvent(chaincode, "cc", "updated", "a1 v2");

    try (EventStream fromStart =
            EventStream.open(eventsRequest(user, CHANNEL, "cc", specified(start), ""));
        EventStream afterCreated =
            EventStream.open(eventsRequest(user, CHANNEL, "cc", specified(start), created))) {
      ChaincodeEventsResponse first = fromStart.next();
      ChaincodeEventsResponse second = fromStart.next();
      ChaincodeEventsResponse resumed = afterCreated.next();

      assertThat(first.getBlockNumber())
          .isEqualTo(node.ledger().blocks().transaction(created).orElseThrow().blockNumber());
      assertThat(first.getEventsList())
          .singleElement()
          .satisfies(
              event -> {
                assertThat(event.getChaincodeId()).isEqualTo("cc");
                assertThat(event.getTxId()).isEqualTo(created);
                assertThat(event.getEventName()).isEqualTo("created");
                assertThat(event.getPayload().toStringUtf8()).isEqualTo("a1");
              });
      assertThat(second.getEventsList())
          .extracting(ChaincodeEvent::getTxId, ChaincodeEvent::getEventName)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(updated, "updated"));
      assertThat(resumed).isEqualTo(second);
    }
  }

  @Test
  void chaincodeEventsFromTheNextCommitReceivesEventsCommittedAfterTheRequest() throws Exception {
    commitWithEvent(chaincode, "cc", "before", "old");
    try (EventStream stream =
        EventStream.open(eventsRequest(user, CHANNEL, "cc", nextCommit(), ""))) {
      // The stream is served once the server has read the ledger height; give it the time.
      Thread.sleep(300);
      String txId = commitWithEvent(chaincode, "cc", "after", "new");

      ChaincodeEventsResponse response = stream.next();

      assertThat(response.getEventsList())
          .extracting(ChaincodeEvent::getTxId, ChaincodeEvent::getEventName)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(txId, "after"));
    }
  }

  @Test
  void endorseFailsWhenThisPeersEndorsementCannotSatisfyTheEndorsementPolicy() {
    try (TestNode strict =
            TestNode.start(
                directory.resolve("strict"),
                Map.of(Setting.PEER_ENDORSEMENT_POLICY, "/Channel/Application/Admins"));
        ScriptedChaincode strictChaincode =
            ScriptedChaincode.register(strict.peer().chaincodeAddress(), "cc:1.0")) {
      ProposalClient strictClient = new ProposalClient(strict.org().user());
      var endorsing =
          GatewayGrpc.newFutureStub(strict.connection())
              .endorse(endorseRequest(strictClient.proposal(CHANNEL, "cc", "put", "k", "v")));
      answer(
          strictChaincode,
          tx -> {
            put(strictChaincode, tx, "k", "v");
            return completed(tx, 200, "", "", null);
          });

      StatusRuntimeException error = failure(endorsing);

      assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(error.getStatus().getDescription())
          .startsWith(
              "no combination of peers can be derived which satisfy the endorsement policy: no"
                  + " peer combination can satisfy the endorsement policy: the endorsement policy"
                  + " of chaincode cc (/Channel/Application/Admins) needs more than this peer's"
                  + " endorsement")
          .endsWith("peer.endorsementPolicy (WEFT_PEER_ENDORSEMENTPOLICY) names the policy");
    }
  }

  // --- helpers ---

  private static GatewayGrpc.GatewayFutureStub gateway() {
    return GatewayGrpc.newFutureStub(node.connection())
        .withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static EvaluateRequest evaluateRequest(ProposalClient.Built proposal) {
    return EvaluateRequest.newBuilder()
        .setTransactionId(proposal.txId())
        .setChannelId(proposal.channelHeader().getChannelId())
        .setProposedTransaction(proposal.signed())
        .build();
  }

  private static EndorseRequest endorseRequest(ProposalClient.Built proposal) {
    return EndorseRequest.newBuilder()
        .setTransactionId(proposal.txId())
        .setChannelId(proposal.channelHeader().getChannelId())
        .setProposedTransaction(proposal.signed())
        .build();
  }

  /** The request to submit {@code envelope}, signed first by {@code signer} unless null. */
  private static SubmitRequest submitRequest(String txId, Envelope envelope, SigningIdentity signer)
      throws InvalidProtocolBufferException {
    Envelope signed =
        signer == null
            ? envelope
            : envelope.toBuilder()
                .setSignature(ByteString.copyFrom(signer.sign(envelope.getPayload().toByteArray())))
                .build();
    String channel =
        ChannelHeader.parseFrom(
                Payload.parseFrom(envelope.getPayload()).getHeader().getChannelHeader())
            .getChannelId();
    return SubmitRequest.newBuilder()
        .setTransactionId(txId)
        .setChannelId(channel)
        .setPreparedTransaction(signed)
        .build();
  }

  private static SignedCommitStatusRequest commitStatusRequest(
      SigningIdentity requester, String channel, String txId) {
    ByteString request =
        CommitStatusRequest.newBuilder()
            .setChannelId(channel)
            .setTransactionId(txId)
            .setIdentity(requester.serialized())
            .build()
            .toByteString();
    return SignedCommitStatusRequest.newBuilder()
        .setRequest(request)
        .setSignature(ByteString.copyFrom(requester.sign(request.toByteArray())))
        .build();
  }

  private static SignedChaincodeEventsRequest eventsRequest(
      SigningIdentity requester,
      String channel,
      String chaincodeId,
      SeekPosition start,
      String afterTransactionId) {
    ByteString request =
        ChaincodeEventsRequest.newBuilder()
            .setChannelId(channel)
            .setChaincodeId(chaincodeId)
            .setIdentity(requester.serialized())
            .setStartPosition(start)
            .setAfterTransactionId(afterTransactionId)
            .build()
            .toByteString();
    return SignedChaincodeEventsRequest.newBuilder()
        .setRequest(request)
        .setSignature(ByteString.copyFrom(requester.sign(request.toByteArray())))
        .build();
  }

  private static SeekPosition specified(long block) {
    return SeekPosition.newBuilder()
        .setSpecified(SeekSpecified.newBuilder().setNumber(block))
        .build();
  }

  private static SeekPosition nextCommit() {
    return SeekPosition.newBuilder()
        .setNextCommit(org.hyperledger.fabric.protos.orderer.SeekNextCommit.getDefaultInstance())
        .build();
  }

  /** Receives the chaincode's TRANSACTION and sends what {@code script} returns for it. */
  private static void answer(
      ScriptedChaincode target, Function<ChaincodeMessage, ChaincodeMessage> script) {
    ChaincodeMessage tx = target.expect(TRANSACTION);
    target.send(script.apply(tx));
  }

  private static void put(ScriptedChaincode target, ChaincodeMessage tx, String key, String value) {
    target.call(
        PUT_STATE,
        tx.getChannelId(),
        tx.getTxid(),
        PutState.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)).build());
  }

  private static ChaincodeMessage completed(
      ChaincodeMessage tx, int status, String message, String payload, ChaincodeEvent event) {
    ChaincodeMessage.Builder completed =
        ScriptedChaincode.message(
            ChaincodeMessage.Type.COMPLETED,
            tx.getChannelId(),
            tx.getTxid(),
            Response.newBuilder()
                .setStatus(status)
                .setMessage(message)
                .setPayload(ByteString.copyFromUtf8(payload))
                .build()
                .toByteString())
            .toBuilder();
    if (event != null) {
      completed.setChaincodeEvent(event);
    }
    return completed.build();
  }

  /** Endorses a proposal whose chaincode reads {@code key} and then writes it. */
  private static Envelope endorseReadWrite(ProposalClient.Built proposal, String key, String value)
      throws Exception {
    var endorsing = gateway().endorse(endorseRequest(proposal));
    answer(
        chaincode,
        tx -> {
          chaincode.call(
              GET_STATE,
              tx.getChannelId(),
              tx.getTxid(),
              GetState.newBuilder().setKey(key).build());
          put(chaincode, tx, key, value);
          return completed(tx, 200, "", "", null);
        });
    return endorsing.get(WAIT.toSeconds(), TimeUnit.SECONDS).getPreparedTransaction();
  }

  private static CommitStatusResponse submitAndAwait(String txId, Envelope prepared)
      throws Exception {
    gateway().submit(submitRequest(txId, prepared, user)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return gateway()
        .commitStatus(commitStatusRequest(user, CHANNEL, txId))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * Commits, through the gateway, a transaction whose chaincode sets an event; returns its txid.
   */
  private static String commitWithEvent(
      ScriptedChaincode target, String chaincodeName, String eventName, String payload)
      throws Exception {
    ProposalClient.Built proposal = client.proposal(CHANNEL, chaincodeName, "emit");
    var endorsing = gateway().endorse(endorseRequest(proposal));
    answer(
        target,
        tx ->
            completed(
                tx,
                200,
                "",
                "",
                ChaincodeEvent.newBuilder()
                    .setEventName(eventName)
                    .setPayload(ByteString.copyFromUtf8(payload))
                    .build()));
    Envelope prepared = endorsing.get(WAIT.toSeconds(), TimeUnit.SECONDS).getPreparedTransaction();
    assertThat(submitAndAwait(proposal.txId(), prepared).getResult())
        .isEqualTo(TxValidationCode.VALID);
    return proposal.txId();
  }

  /** What the first response of an events stream is; fails if none comes in time. */
  private static Future<ChaincodeEventsResponse> firstEvents(SignedChaincodeEventsRequest request) {
    CompletableFuture<ChaincodeEventsResponse> first = new CompletableFuture<>();
    EventStream stream = EventStream.open(request);
    CompletableFuture.runAsync(
        () -> {
          try {
            first.complete(stream.next());
          } catch (Throwable t) {
            first.completeExceptionally(t);
          } finally {
            stream.close();
          }
        });
    return first;
  }

  /** A ChaincodeEvents stream read one response at a time; closing it cancels the call. */
  private static final class EventStream implements AutoCloseable {

    private final Context.CancellableContext context = Context.current().withCancellation();
    private final BlockingQueue<ChaincodeEventsResponse> responses = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> end = new CompletableFuture<>();

    static EventStream open(SignedChaincodeEventsRequest request) {
      EventStream stream = new EventStream();
      stream.context.run(
          () ->
              GatewayGrpc.newStub(node.connection())
                  .chaincodeEvents(
                      request, StreamObservers.collectInto(stream.responses, stream.end)));
      return stream;
    }

    /** The next response; throws the stream's error if it ended with one. */
    ChaincodeEventsResponse next() throws Exception {
      Instant deadline = Instant.now().plus(WAIT);
      while (Instant.now().isBefore(deadline)) {
        ChaincodeEventsResponse response = responses.poll(50, TimeUnit.MILLISECONDS);
        if (response != null) {
          return response;
        }
        if (end.isCompletedExceptionally()) {
          try {
            end.join();
          } catch (java.util.concurrent.CompletionException e) {
            throw (Exception) e.getCause();
          }
        }
      }
      throw new AssertionError("no chaincode events within " + WAIT);
    }

    @Override
    public void close() {
      context.cancel(null);
    }
  }

  private static ErrorDetail peerDetail(String message) {
    return ErrorDetail.newBuilder()
        .setAddress("127.0.0.1:" + node.peer().peerAddress().getPort())
        .setMspId("Org1MSP")
        .setMessage(message)
        .build();
  }

  private static List<ErrorDetail> details(StatusRuntimeException error) {
    com.google.rpc.Status status = StatusProto.fromThrowable(error);
    if (status == null) {
      return List.of();
    }
    return status.getDetailsList().stream()
        .map(
            any -> {
              try {
                return any.unpack(ErrorDetail.class);
              } catch (InvalidProtocolBufferException e) {
                throw new AssertionError(e);
              }
            })
        .toList();
  }

  private static void assertInvalid(Future<? extends Message> call, String message) {
    StatusRuntimeException error = failure(call);
    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(error.getStatus().getDescription()).isEqualTo(message);
  }

  /** The status error a call failed with; fails the test if it succeeded or took too long. */
  private static StatusRuntimeException failure(Future<?> call) {
    try {
      Object response = call.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      throw new AssertionError("expected the call to fail, but it answered " + response);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StatusRuntimeException status) {
        return status;
      }
      throw new AssertionError("the call failed without a status", e.getCause());
    } catch (Exception e) {
      throw new AssertionError("the call did not end within " + WAIT, e);
    }
  }
}
