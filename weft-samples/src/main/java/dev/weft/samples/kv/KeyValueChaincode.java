package dev.weft.samples.kv;

import dev.weft.shim.Chaincode;
import dev.weft.shim.ChaincodeStub;
import dev.weft.shim.KeyModification;
import dev.weft.shim.KeyValue;
import dev.weft.shim.QueryResultsIterator;
import dev.weft.shim.Response;
import dev.weft.shim.Shim;
import java.util.List;
import java.util.StringJoiner;

/**
 * A key/value store on the low-level API, all values UTF-8 text:
 *
 * <ul>
 *   <li>{@code put key value} writes a key;
 *   <li>{@code get key} returns its value (empty if it has none);
 *   <li>{@code del key} deletes it;
 *   <li>{@code range start end} returns the keys from {@code start} (inclusive) to {@code end}
 *       (exclusive, empty for no end) as lines {@code key=value};
 *   <li>{@code history key} returns the key's committed changes, newest first, as lines {@code txid
 *       value}, or {@code txid <deleted>} for a delete.
 * </ul>
 *
 * Wrong arguments fail with status 400 and a message saying what the function takes.
 */
public final class KeyValueChaincode implements Chaincode {

  /** Connects to the peer (or serves it, as a chaincode service) until the stream ends. */
  public static void main(String[] args) {
    Shim.start(new KeyValueChaincode(), args);
  }

  @Override
  public Response invoke(ChaincodeStub stub) {
    List<String> args = stub.getParameters();
    return switch (stub.getFunction()) {
      case "put" -> {
        if (args.size() != 2) {
          yield Response.error(400, "put takes a key and a value");
        }
        stub.putStringState(args.get(0), args.get(1));
        yield Response.success();
      }
      case "get" ->
          args.size() == 1
              ? Response.success(stub.getState(args.get(0)))
              : Response.error(400, "get takes a key");
      case "del" -> {
        if (args.size() != 1) {
          yield Response.error(400, "del takes a key");
        }
        stub.delState(args.get(0));
        yield Response.success();
      }
      case "range" ->
          args.size() == 2
              ? Response.success(range(stub, args.get(0), args.get(1)))
              : Response.error(400, "range takes a start and an end key");
      case "history" ->
          args.size() == 1
              ? Response.success(history(stub, args.get(0)))
              : Response.error(400, "history takes a key");
      default ->
          Response.error(
              400, "unknown function '" + stub.getFunction() + "' (put, get, del, range, history)");
    };
  }

  private static String range(ChaincodeStub stub, String start, String end) {
    StringJoiner lines = new StringJoiner("\n");
    try (QueryResultsIterator<KeyValue> results = stub.getStateByRange(start, end)) {
      results.forEach(kv -> lines.add(kv.key() + "=" + kv.stringValue()));
    }
    return lines.toString();
  }

  private static String history(ChaincodeStub stub, String key) {
    StringJoiner lines = new StringJoiner("\n");
    try (QueryResultsIterator<KeyModification> results = stub.getHistoryForKey(key)) {
      results.forEach(
          change ->
              lines.add(
                  change.txId() + " " + (change.isDeleted() ? "<deleted>" : change.stringValue())));
    }
    return lines.toString();
  }
}
