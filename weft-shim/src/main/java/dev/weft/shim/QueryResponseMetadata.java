package dev.weft.shim;

/**
 * The metadata of a page of a paginated query.
 *
 * @param fetchedRecordsCount how many records the page holds
 * @param bookmark where the next page starts; pass it to the next call
 */
public record QueryResponseMetadata(int fetchedRecordsCount, String bookmark) {}
