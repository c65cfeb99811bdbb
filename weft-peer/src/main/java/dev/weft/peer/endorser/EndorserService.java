package dev.weft.peer.endorser;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * The gRPC binding of the endorser. A rejected proposal ends the call with status UNKNOWN and the
 * rejection's message, which is what a Go server returning a plain error sends.
 */
final class EndorserService extends EndorserGrpc.EndorserImplBase {

  private final Endorser endorser;

  EndorserService(Endorser endorser) {
    this.endorser = endorser;
  }

  @Override
  public void processProposal(
      SignedProposal request, StreamObserver<ProposalResponse> responseObserver) {
    endorser
        .processProposal(request)
        .whenComplete(
            (response, failure) -> {
              if (failure == null) {
                responseObserver.onNext(response);
                responseObserver.onCompleted();
              } else {
                Throwable cause =
                    failure instanceof java.util.concurrent.CompletionException
                            && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                Status status =
                    cause instanceof ProposalRejected
                        ? Status.UNKNOWN.withDescription(cause.getMessage())
                        : Status.INTERNAL.withDescription(
                            "the peer failed to process the proposal: " + cause.getMessage());
                responseObserver.onError(status.asRuntimeException());
              }
            });
  }
}
