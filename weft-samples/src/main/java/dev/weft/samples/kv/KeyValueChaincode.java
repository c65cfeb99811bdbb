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
 * A key/value store on the low-level API: {@code put key value}, {@code get key}, {@code del key},
 * {@code range start end} (lines of {@code key=value}) and {@code history key} (lines of {@code
 * txid value} or {@code txid <deleted>}, newest first).
 */
public final class KeyValueChaincode implements Chaincode {

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
      default -> Response.error(400, "unknown function '" + stub.getFunction() + "'");
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
          mod -> lines.add(mod.txId() + " " + (mod.isDeleted() ? "<deleted>" : mod.stringValue())));
    }
    return lines.toString();
  }
}
