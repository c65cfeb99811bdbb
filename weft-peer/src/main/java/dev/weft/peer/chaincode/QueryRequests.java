package dev.weft.peer.chaincode;

import static dev.weft.peer.chaincode.ChaincodeRequests.parse;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.ledger.ResultsIterator;
import java.util.UUID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.GetHistoryForKey;
import org.hyperledger.fabric.protos.peer.GetQueryResult;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryStateClose;
import org.hyperledger.fabric.protos.peer.QueryStateNext;

/**
 * Queries and their iterators: GET_STATE_BY_RANGE (with and without pagination), QUERY_STATE_NEXT,
 * QUERY_STATE_CLOSE, GET_HISTORY_FOR_KEY, and GET_QUERY_RESULT (refused for now). Each returns the
 * RESPONSE payload, a {@code QueryResponse}.
 */
final class QueryRequests {

  private final int totalQueryLimit;

  QueryRequests(int totalQueryLimit) {
    this.totalQueryLimit = totalQueryLimit;
  }

  ByteString getStateByRange(ChaincodeMessage request, TransactionContext context) {
    GetStateByRange range = parse(GetStateByRange.parser(), request);
    PrivateDataUnsupported.check(range.getCollection(), context);
    QueryMetadata metadata = queryMetadata(range.getMetadata());
    int limit = returnLimit(metadata);
    boolean paginated = isPaginated(metadata);
    ResultsIterator iterator;
    if (paginated) {
      String startKey =
          metadata.getBookmark().isEmpty() ? range.getStartKey() : metadata.getBookmark();
      iterator =
          context
              .simulator()
              .rangeQueryWithPagination(
                  context.namespace(), startKey, range.getEndKey(), metadata.getPageSize());
    } else {
      iterator =
          context
              .simulator()
              .rangeQuery(context.namespace(), range.getStartKey(), range.getEndKey());
    }
    return open(context, iterator, paginated, limit);
  }

  ByteString getQueryResult(ChaincodeMessage request, TransactionContext context) {
    GetQueryResult query = parse(GetQueryResult.parser(), request);
    PrivateDataUnsupported.check(query.getCollection(), context);
    throw new ChaincodeException(
        "rich queries (GET_QUERY_RESULT) are not supported yet by this peer: its state database"
            + " has no query engine (on LevelDB, Fabric answers 'ExecuteQuery not supported for"
            + " leveldb')");
  }

  ByteString getHistoryForKey(ChaincodeMessage request, TransactionContext context) {
    GetHistoryForKey history = parse(GetHistoryForKey.parser(), request);
    ResultsIterator iterator = context.simulator().history(context.namespace(), history.getKey());
    return open(context, iterator, false, totalQueryLimit);
  }

  ByteString queryStateNext(ChaincodeMessage request, TransactionContext context) {
    QueryStateNext next = parse(QueryStateNext.parser(), request);
    OpenQuery query = context.query(next.getId());
    if (query == null) {
      throw new ChaincodeException(
          "query iterator not found: no open query with id '"
              + next.getId()
              + "' in this transaction (it was closed, exhausted, or never opened)");
    }
    return respond(context, next.getId(), query, false, totalQueryLimit);
  }

  ByteString queryStateClose(ChaincodeMessage request, TransactionContext context) {
    QueryStateClose close = parse(QueryStateClose.parser(), request);
    context.closeQuery(close.getId());
    return QueryResponse.newBuilder().setHasMore(false).setId(close.getId()).build().toByteString();
  }

  private ByteString open(
      TransactionContext context, ResultsIterator iterator, boolean paginated, int limit) {
    String id = UUID.randomUUID().toString();
    OpenQuery query = new OpenQuery(iterator);
    context.openQuery(id, query);
    return respond(context, id, query, paginated, limit);
  }

  private static ByteString respond(
      TransactionContext context, String id, OpenQuery query, boolean paginated, int limit) {
    try {
      return QueryResponses.next(context, id, query, paginated, limit).toByteString();
    } catch (RuntimeException e) {
      context.closeQuery(id);
      throw e;
    }
  }

  /** The page size caps the results when it is below the total limit, as in Fabric. */
  private int returnLimit(QueryMetadata metadata) {
    if (metadata != null
        && metadata.getPageSize() > 0
        && metadata.getPageSize() < totalQueryLimit) {
      return metadata.getPageSize();
    }
    return totalQueryLimit;
  }

  private static boolean isPaginated(QueryMetadata metadata) {
    return metadata != null && (metadata.getPageSize() != 0 || !metadata.getBookmark().isEmpty());
  }

  private static QueryMetadata queryMetadata(ByteString bytes) {
    if (bytes.isEmpty()) {
      return null;
    }
    QueryMetadata metadata;
    try {
      metadata = QueryMetadata.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new ChaincodeException("unmarshal failed: query metadata: " + e.getMessage());
    }
    if (metadata.getPageSize() < 0) {
      throw new ChaincodeException(
          "the page size of a paginated query must not be negative, got " + metadata.getPageSize());
    }
    return metadata;
  }
}
