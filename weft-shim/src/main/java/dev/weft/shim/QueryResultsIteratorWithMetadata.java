package dev.weft.shim;

/** The results of a paginated query: one page, with the count fetched and the next bookmark. */
public interface QueryResultsIteratorWithMetadata<T> extends QueryResultsIterator<T> {

  /** How many records the page holds and the bookmark that starts the next page. */
  QueryResponseMetadata metadata();
}
