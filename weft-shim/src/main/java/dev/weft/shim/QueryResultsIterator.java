package dev.weft.shim;

/**
 * The results of a query, fetched from the peer in batches as they are iterated. Close it when done
 * (try-with-resources) so the peer releases the query; reading to the end also releases it. It may
 * be iterated once.
 */
public interface QueryResultsIterator<T> extends Iterable<T>, AutoCloseable {

  /** Tells the peer the query is no longer needed; safe to call more than once. */
  @Override
  void close();
}
