package dev.weft.peer.chaincode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/**
 * Dispatches a chaincode's request to what serves it and yields the RESPONSE payload. Failures are
 * {@link ChaincodeException}s (or ledger exceptions) whose message becomes the ERROR reply.
 */
final class ChaincodeRequests {

  private final StateRequests state;
  private final QueryRequests queries;
  private final InvokeRequests invocations;

  ChaincodeRequests(StateRequests state, QueryRequests queries, InvokeRequests invocations) {
    this.state = state;
    this.queries = queries;
    this.invocations = invocations;
  }

  CompletableFuture<ByteString> handle(ChaincodeMessage request, TransactionContext context) {
    if (request.getType() == ChaincodeMessage.Type.INVOKE_CHAINCODE) {
      return invocations.invokeChaincode(request, context);
    }
    return CompletableFuture.completedFuture(
        switch (request.getType()) {
          case GET_STATE -> state.getState(request, context);
          case GET_STATE_MULTIPLE -> state.getStateMultiple(request, context);
          case PUT_STATE -> state.putState(request, context);
          case DEL_STATE -> state.delState(request, context);
          case WRITE_BATCH_STATE -> state.writeBatch(request, context);
          case GET_STATE_METADATA -> state.getStateMetadata(request, context);
          case PUT_STATE_METADATA -> state.putStateMetadata(request, context);
          case GET_PRIVATE_DATA_HASH -> state.getPrivateDataHash(request, context);
          case PURGE_PRIVATE_DATA -> state.purgePrivateData(request, context);
          case GET_STATE_BY_RANGE -> queries.getStateByRange(request, context);
          case GET_QUERY_RESULT -> queries.getQueryResult(request, context);
          case QUERY_STATE_NEXT -> queries.queryStateNext(request, context);
          case QUERY_STATE_CLOSE -> queries.queryStateClose(request, context);
          case GET_HISTORY_FOR_KEY -> queries.getHistoryForKey(request, context);
          default ->
              throw new ChaincodeException(request.getType() + " is not a chaincode request");
        });
  }

  /** Parses a request's payload; a malformed one fails the request. */
  static <T> T parse(Parser<T> parser, ChaincodeMessage request) {
    try {
      return parser.parseFrom(request.getPayload());
    } catch (InvalidProtocolBufferException e) {
      throw new ChaincodeException("unmarshal failed: " + e.getMessage());
    }
  }
}
