package dev.weft.peer.gateway;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC binding of the gateway: hands each call to the component that answers it and turns its
 * status errors into the call's status. Evaluate and Endorse answer when the endorser does, without
 * holding a thread; CommitStatus and ChaincodeEvents hold theirs while they wait for blocks.
 */
final class GatewayService extends GatewayGrpc.GatewayImplBase {

  private static final Logger log = LoggerFactory.getLogger(GatewayService.class);

  private final Evaluator evaluator;
  private final EndorsementCollector collector;
  private final TransactionSubmitter submitter;
  private final CommitStatusLookup commitStatus;
  private final ChaincodeEventsFeed chaincodeEvents;

  GatewayService(
      Evaluator evaluator,
      EndorsementCollector collector,
      TransactionSubmitter submitter,
      CommitStatusLookup commitStatus,
      ChaincodeEventsFeed chaincodeEvents) {
    this.evaluator = evaluator;
    this.collector = collector;
    this.submitter = submitter;
    this.commitStatus = commitStatus;
    this.chaincodeEvents = chaincodeEvents;
  }

  @Override
  public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> responses) {
    reply(responses, () -> evaluator.evaluate(request));
  }

  @Override
  public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> responses) {
    reply(responses, () -> collector.endorse(request));
  }

  @Override
  public void submit(SubmitRequest request, StreamObserver<SubmitResponse> responses) {
    reply(responses, () -> CompletableFuture.completedFuture(submitter.submit(request)));
  }

  @Override
  public void commitStatus(
      SignedCommitStatusRequest request, StreamObserver<CommitStatusResponse> responses) {
    ServerCallStreamObserver<CommitStatusResponse> call = quietOnCancel(responses);
    try {
      commitStatus
          .await(request, call::isCancelled)
          .ifPresent(
              status -> {
                call.onNext(status);
                call.onCompleted();
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.onError(stopping());
    } catch (RuntimeException e) {
      call.onError(status(e));
    }
  }

  @Override
  public void chaincodeEvents(
      SignedChaincodeEventsRequest request, StreamObserver<ChaincodeEventsResponse> responses) {
    ServerCallStreamObserver<ChaincodeEventsResponse> call = quietOnCancel(responses);
    try {
      chaincodeEvents.stream(request, call::onNext, call::isCancelled);
      // Only a client that went away ends the stream; there is no one to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.onError(stopping());
    } catch (RuntimeException e) {
      call.onError(status(e));
    }
  }

  private static <T> void reply(
      StreamObserver<T> responses, Supplier<CompletableFuture<T>> operation) {
    ServerCallStreamObserver<T> call = quietOnCancel(responses);
    CompletableFuture<T> result;
    try {
      result = operation.get();
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    result.whenComplete(
        (response, failure) -> {
          if (call.isCancelled()) {
            return;
          }
          if (failure == null) {
            call.onNext(response);
            call.onCompleted();
          } else {
            call.onError(status(failure));
          }
        });
  }

  /** So that a response to a client that has gone away is dropped rather than thrown. */
  private static <T> ServerCallStreamObserver<T> quietOnCancel(StreamObserver<T> responses) {
    ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) responses;
    call.setOnCancelHandler(() -> log.debug("gateway call cancelled by the client"));
    return call;
  }

  private static StatusRuntimeException status(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof StatusRuntimeException status) {
      return status;
    }
    log.error("gateway call failed", cause);
    return Status.INTERNAL
        .withDescription("the gateway failed: " + cause)
        .withCause(cause)
        .asRuntimeException();
  }

  private static StatusRuntimeException stopping() {
    return Status.UNAVAILABLE.withDescription("the peer is stopping").asRuntimeException();
  }
}
