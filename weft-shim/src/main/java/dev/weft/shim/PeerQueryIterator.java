package dev.weft.shim;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;

/**
 * Iterates a query the peer holds open, pulling the next batch (QUERY_STATE_NEXT) when one runs out
 * and closing it (QUERY_STATE_CLOSE) when the chaincode stops early. The peer releases a query by
 * itself once its last batch is sent, so a query read to the end needs no close message.
 */
final class PeerQueryIterator<T> implements QueryResultsIteratorWithMetadata<T> {

  private final TransactionStub stub;
  private final Function<ByteString, T> decode;
  private final QueryResponseMetadata metadata;
  private QueryResponse batch;
  private int index;
  private boolean iterated;
  private boolean closed;

  PeerQueryIterator(
      TransactionStub stub,
      QueryResponse first,
      Function<ByteString, T> decode,
      QueryResponseMetadata metadata) {
    this.stub = stub;
    this.batch = first;
    this.decode = decode;
    this.metadata = metadata;
    this.closed = !first.getHasMore() && first.getResultsCount() == 0;
  }

  @Override
  public QueryResponseMetadata metadata() {
    if (metadata == null) {
      throw new IllegalStateException("this query is not paginated: it has no metadata");
    }
    return metadata;
  }

  @Override
  public synchronized Iterator<T> iterator() {
    if (iterated) {
      throw new IllegalStateException("a query's results can be iterated once");
    }
    iterated = true;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return PeerQueryIterator.this.hasNext();
      }

      @Override
      public T next() {
        return PeerQueryIterator.this.next();
      }
    };
  }

  private synchronized boolean hasNext() {
    while (index >= batch.getResultsCount()) {
      if (!batch.getHasMore() || closed) {
        closed = true;
        return false;
      }
      batch = stub.queryNext(batch.getId());
      index = 0;
    }
    return true;
  }

  private synchronized T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    QueryResultBytes result = batch.getResults(index++);
    return decode.apply(result.getResultBytes());
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      if (batch.getHasMore()) {
        stub.queryClose(batch.getId());
      }
    }
  }

  /** Parses a protobuf result, failing the chaincode's call if the peer sent something else. */
  static <M> M parse(com.google.protobuf.Parser<M> parser, ByteString bytes, String what) {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new ChaincodeException("the peer sent a " + what + " that does not parse: " + e);
    }
  }
}
