package dev.weft.interop.weftcc;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.shim.Chaincode;
import dev.weft.shim.ChaincodeStub;
import dev.weft.shim.CompositeKey;
import dev.weft.shim.KeyModification;
import dev.weft.shim.KeyValue;
import dev.weft.shim.QueryResultsIterator;
import dev.weft.shim.QueryResultsIteratorWithMetadata;
import dev.weft.shim.Response;
import dev.weft.shim.Shim;
import java.util.ArrayList;
import java.util.List;

/**
 * The interop chaincode of weft-interop/CHAINCODE.md on Weft's shim: the third implementation, next
 * to the ones on Fabric's Java and Node shims, that must make the peer produce the same responses
 * and read-write sets.
 */
public final class InteropChaincode implements Chaincode {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) {
    Shim.start(new InteropChaincode(), args);
  }

  @Override
  public Response init(ChaincodeStub stub) {
    return Response.success("init:" + stub.getFunction());
  }

  @Override
  public Response invoke(ChaincodeStub stub) {
    String function = stub.getFunction();
    List<String> args = stub.getParameters();
    if (function.equals("throw")) {
      throw new IllegalStateException(args.get(0));
    }
    try {
      return dispatch(stub, function, args);
    } catch (RuntimeException e) {
      return Response.error(e.getMessage());
    }
  }

  private static Response dispatch(ChaincodeStub stub, String function, List<String> args) {
    return switch (function) {
      case "put" -> {
        stub.putState(args.get(0), bytes(args.get(1)));
        yield Response.success();
      }
      case "get" -> Response.success(stub.getState(args.get(0)));
      case "del" -> {
        stub.delState(args.get(0));
        yield Response.success();
      }
      case "putGet" -> {
        stub.putState(args.get(0), bytes(args.get(1)));
        yield Response.success(stub.getState(args.get(0)));
      }
      case "range" -> json(keyValues(stub.getStateByRange(args.get(0), args.get(1))));
      case "rangeFirst" ->
          json(
              firstKeys(
                  stub.getStateByRange(args.get(0), args.get(1)), Integer.parseInt(args.get(2))));
      case "rangePage" ->
          json(
              page(
                  stub.getStateByRangeWithPagination(
                      args.get(0), args.get(1), Integer.parseInt(args.get(2)), args.get(3)),
                  false));
      case "composite" ->
          Response.success(stub.createCompositeKey(args.get(0), rest(args, 1)).toString());
      case "putComposite" -> {
        stub.putState(
            stub.createCompositeKey(args.get(1), rest(args, 2)).toString(), bytes(args.get(0)));
        yield Response.success();
      }
      case "partial" ->
          json(compositeValues(stub.getStateByPartialCompositeKey(args.get(0), rest(args, 1))));
      case "partialPage" ->
          json(
              page(
                  stub.getStateByPartialCompositeKeyWithPagination(
                      stub.createCompositeKey(args.get(2), rest(args, 3)),
                      Integer.parseInt(args.get(0)),
                      args.get(1)),
                  true));
      case "history" -> json(history(stub.getHistoryForKey(args.get(0))));
      case "setEp" -> {
        stub.setStateValidationParameter(args.get(0), bytes(args.get(1)));
        yield Response.success();
      }
      case "getEp" -> Response.success(stub.getStateValidationParameter(args.get(0)));
      case "invoke" -> json(invokeOther(stub, args));
      case "query" -> json(keyValues(stub.getQueryResult(args.get(0))));
      case "privateGet" -> Response.success(stub.getPrivateData(args.get(0), args.get(1)));
      case "privatePut" -> {
        stub.putPrivateData(args.get(0), args.get(1), bytes(args.get(2)));
        yield Response.success();
      }
      case "event" -> {
        stub.setEvent(args.get(0), bytes(args.get(1)));
        yield Response.success();
      }
      case "fail" -> Response.error(args.get(0));
      case "sleep" -> {
        sleep(Long.parseLong(args.get(0)));
        yield Response.success();
      }
      case "txinfo" -> {
        ObjectNode info = JSON.createObjectNode();
        info.put("txId", stub.getTxId());
        info.put("channelId", stub.getChannelId());
        ArrayNode all = info.putArray("args");
        stub.getStringArgs().forEach(all::add);
        yield json(info);
      }
      default -> Response.error("unknown function " + function);
    };
  }

  private static ObjectNode invokeOther(ChaincodeStub stub, List<String> args) {
    List<byte[]> callArgs = new ArrayList<>();
    for (String arg : args.subList(2, args.size())) {
      callArgs.add(bytes(arg));
    }
    Response response = stub.invokeChaincode(args.get(0), callArgs, args.get(1));
    ObjectNode out = JSON.createObjectNode();
    out.put("status", response.status());
    out.put("message", response.message());
    out.put("payload", response.payloadAsString());
    return out;
  }

  private static ArrayNode keyValues(QueryResultsIterator<KeyValue> results) {
    ArrayNode out = JSON.createArrayNode();
    try (results) {
      for (KeyValue kv : results) {
        out.add(keyValue(kv));
      }
    }
    return out;
  }

  private static ObjectNode keyValue(KeyValue kv) {
    ObjectNode node = JSON.createObjectNode();
    node.put("key", kv.key());
    node.put("value", kv.stringValue());
    return node;
  }

  private static ArrayNode firstKeys(QueryResultsIterator<KeyValue> results, int count) {
    ArrayNode keys = JSON.createArrayNode();
    try (results) {
      for (KeyValue kv : results) {
        if (keys.size() >= count) {
          break;
        }
        keys.add(kv.key());
      }
    }
    return keys;
  }

  private static ArrayNode compositeValues(QueryResultsIterator<KeyValue> results) {
    ArrayNode out = JSON.createArrayNode();
    try (results) {
      for (KeyValue kv : results) {
        out.add(composite(kv));
      }
    }
    return out;
  }

  private static ObjectNode composite(KeyValue kv) {
    CompositeKey key = CompositeKey.parse(kv.key());
    ObjectNode node = JSON.createObjectNode();
    node.put("objectType", key.objectType());
    ArrayNode attributes = node.putArray("attributes");
    key.attributes().forEach(attributes::add);
    node.put("value", kv.stringValue());
    return node;
  }

  private static ObjectNode page(
      QueryResultsIteratorWithMetadata<KeyValue> results, boolean composite) {
    ObjectNode out = JSON.createObjectNode();
    ArrayNode items = out.putArray("results");
    try (results) {
      for (KeyValue kv : results) {
        items.add(composite ? composite(kv) : keyValue(kv));
      }
    }
    out.put("fetchedRecordsCount", results.metadata().fetchedRecordsCount());
    out.put("bookmark", results.metadata().bookmark());
    return out;
  }

  private static ArrayNode history(QueryResultsIterator<KeyModification> results) {
    ArrayNode out = JSON.createArrayNode();
    try (results) {
      for (KeyModification mod : results) {
        ObjectNode node = out.addObject();
        node.put("txId", mod.txId());
        node.put("value", mod.isDeleted() ? "" : mod.stringValue());
        node.put("isDelete", mod.isDeleted());
        node.put("seconds", mod.timestamp().getEpochSecond());
        node.put("nanos", mod.timestamp().getNano());
      }
    }
    return out;
  }

  private static String[] rest(List<String> args, int from) {
    return args.subList(from, args.size()).toArray(new String[0]);
  }

  private static Response json(Object node) {
    return Response.success(node.toString());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
