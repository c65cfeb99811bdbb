package dev.weft.peer.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.endorser.AuthenticationRejected;
import dev.weft.peer.endorser.ProposalRejected;
import io.grpc.Status;
import java.util.concurrent.CompletionException;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * How an endorser's answer to a proposal reads to the gateway, by the rules of Fabric's gateway:
 *
 * <ul>
 *   <li>no response at all (Fabric: an endorser it could not reach, or its authentication filters):
 *       UNAVAILABLE, try another endorser;
 *   <li>a refusal with a response (malformed, bad signature, access denied): FAILED_PRECONDITION,
 *       the client's fault, no retry;
 *   <li>status 500 without a payload (made by the peer, e.g. the chaincode is not running or broke
 *       off): ABORTED, try another endorser;
 *   <li>any other status outside 200..399 (the chaincode's own error): UNKNOWN, with the message
 *       {@code chaincode response <status>, <message>};
 *   <li>otherwise OK.
 * </ul>
 *
 * @param code OK or why not
 * @param message the endorser's or the chaincode's message; empty when OK
 * @param retry whether Fabric's gateway would ask another endorser
 * @param response the proposal response, or null if there was none
 */
record ProposalOutcome(Status.Code code, String message, boolean retry, ProposalResponse response) {

  static ProposalOutcome of(ProposalResponse response, Throwable failure) {
    if (failure != null) {
      Throwable cause =
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
      if (cause instanceof AuthenticationRejected) {
        return new ProposalOutcome(Status.Code.UNAVAILABLE, cause.getMessage(), true, null);
      }
      if (cause instanceof ProposalRejected) {
        return new ProposalOutcome(
            Status.Code.FAILED_PRECONDITION, cause.getMessage(), false, null);
      }
      return new ProposalOutcome(
          Status.Code.UNAVAILABLE,
          "the peer failed to process the proposal: " + cause.getMessage(),
          true,
          null);
    }
    Response answer = response.getResponse();
    int status = answer.getStatus();
    if (status < 200 || status >= 400) {
      if (status == 500 && response.getPayload().isEmpty()) {
        return new ProposalOutcome(Status.Code.ABORTED, answer.getMessage(), true, response);
      }
      return new ProposalOutcome(
          Status.Code.UNKNOWN,
          "chaincode response " + status + ", " + answer.getMessage(),
          false,
          response);
    }
    return new ProposalOutcome(Status.Code.OK, "", false, response);
  }

  boolean succeeded() {
    return code == Status.Code.OK;
  }

  /**
   * The chaincode's response as Evaluate returns it: its payload taken from the signed chaincode
   * action, where the transaction result is, rather than the response beside it.
   */
  Response result() {
    Response answer = response.getResponse();
    try {
      ChaincodeAction action =
          ChaincodeAction.parseFrom(
              ProposalResponsePayload.parseFrom(response.getPayload()).getExtension());
      return answer.toBuilder().setPayload(action.getResponse().getPayload()).build();
    } catch (InvalidProtocolBufferException e) {
      return answer;
    }
  }
}
