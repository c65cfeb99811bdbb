package dev.weft.peer.chaincode;

import static dev.weft.peer.chaincode.ChaincodeMessages.shortTxId;

import dev.weft.peer.config.Setting;
import java.util.List;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts query results into {@code QueryResponse} batches exactly as Fabric does.
 *
 * <p>Non-paginated: batches of 100; when a 101st result is pulled, the 100 are sent with {@code
 * has_more} and the 101st starts the next batch. Paginated: the whole page in one response with its
 * metadata (fetched count, bookmark). Either way the query is closed once the results or the limit
 * run out; at the limit the results are cut off without an error, as in Fabric.
 */
final class QueryResponses {

  /** Fabric's fixed batch size ({@code MaxResultLimit}). */
  static final int BATCH_SIZE = 100;

  private static final Logger log = LoggerFactory.getLogger(QueryResponses.class);

  private QueryResponses() {}

  /** The next response of query {@code id}, pulling results until a batch or the end. */
  static QueryResponse next(
      TransactionContext context, String id, OpenQuery query, boolean paginated, int limit) {
    while (true) {
      if (query.returned >= limit) {
        if (!paginated) {
          log.warn(
              "[{}] a query of chaincode {} on channel {} stopped at the total query limit of {}"
                  + " results; raise {} if it needs more",
              shortTxId(context.txId()),
              context.chaincodeId(),
              context.channelId(),
              limit,
              Setting.CHAINCODE_TOTAL_QUERY_LIMIT.describe());
        }
        return last(context, id, query, paginated);
      }
      var result = query.iterator.next();
      if (result == null) {
        return last(context, id, query, paginated);
      }
      QueryResultBytes bytes =
          QueryResultBytes.newBuilder().setResultBytes(result.toByteString()).build();
      if (!paginated && query.pending.size() == BATCH_SIZE) {
        List<QueryResultBytes> batch = query.cut();
        query.pending.add(bytes);
        query.returned++;
        return QueryResponse.newBuilder().addAllResults(batch).setHasMore(true).setId(id).build();
      }
      query.pending.add(bytes);
      query.returned++;
    }
  }

  private static QueryResponse last(
      TransactionContext context, String id, OpenQuery query, boolean paginated) {
    List<QueryResultBytes> batch = query.cut();
    QueryResponse.Builder response =
        QueryResponse.newBuilder().addAllResults(batch).setHasMore(false).setId(id);
    if (paginated) {
      String bookmark = query.iterator.bookmarkAndClose();
      context.forgetQuery(id);
      response.setMetadata(
          QueryResponseMetadata.newBuilder()
              .setFetchedRecordsCount(query.returned)
              .setBookmark(bookmark)
              .build()
              .toByteString());
    } else {
      context.closeQuery(id);
    }
    return response.build();
  }
}
