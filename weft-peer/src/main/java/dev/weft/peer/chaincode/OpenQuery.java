package dev.weft.peer.chaincode;

import dev.weft.peer.ledger.ResultsIterator;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;

/**
 * A query a chaincode is iterating: the ledger iterator, the result already pulled for the next
 * batch, and how many results it has returned in all (for the total query limit).
 */
final class OpenQuery {

  final ResultsIterator iterator;
  final List<QueryResultBytes> pending = new ArrayList<>();
  int returned;

  OpenQuery(ResultsIterator iterator) {
    this.iterator = iterator;
  }

  /** Takes the pending results as the next batch. */
  List<QueryResultBytes> cut() {
    List<QueryResultBytes> batch = List.copyOf(pending);
    pending.clear();
    return batch;
  }
}
