package dev.weft.interop.javacc;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ResponseUtils;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * The interop chaincode of weft-interop/CHAINCODE.md on Fabric's Java shim ({@code ChaincodeBase}
 * API). It knows nothing about Weft.
 */
public final class InteropChaincode extends ChaincodeBase {

  public static void main(String[] args) {
    new InteropChaincode().start(args);
  }

  @Override
  public Response init(ChaincodeStub stub) {
    List<String> args = stub.getStringArgs();
    return ok("init:" + (args.isEmpty() ? "" : args.get(0)));
  }

  @Override
  public Response invoke(ChaincodeStub stub) {
    List<String> all = stub.getStringArgs();
    String function = all.isEmpty() ? "" : all.get(0);
    List<String> args = all.isEmpty() ? List.of() : all.subList(1, all.size());
    if (function.equals("throw")) {
      throw new IllegalStateException(args.get(0));
    }
    try {
      return dispatch(stub, function, args);
    } catch (RuntimeException e) {
      return ResponseUtils.newErrorResponse(e.getMessage());
    }
  }

  private Response dispatch(ChaincodeStub stub, String function, List<String> args) {
    switch (function) {
      case "put":
        stub.putState(args.get(0), bytes(args.get(1)));
        return ok("");
      case "get":
        return ResponseUtils.newSuccessResponse(orEmpty(stub.getState(args.get(0))));
      case "del":
        stub.delState(args.get(0));
        return ok("");
      case "putGet":
        stub.putState(args.get(0), bytes(args.get(1)));
        return ResponseUtils.newSuccessResponse(orEmpty(stub.getState(args.get(0))));
      case "range":
        return ok(keyValues(stub.getStateByRange(args.get(0), args.get(1)), Integer.MAX_VALUE));
      case "rangeFirst":
        return ok(
            firstKeys(
                stub.getStateByRange(args.get(0), args.get(1)), Integer.parseInt(args.get(2))));
      case "rangePage":
        return ok(
            page(
                stub.getStateByRangeWithPagination(
                    args.get(0), args.get(1), Integer.parseInt(args.get(2)), args.get(3)),
                false,
                stub));
      case "composite":
        return ok(stub.createCompositeKey(args.get(0), rest(args, 1)).toString());
      case "putComposite":
        stub.putState(
            stub.createCompositeKey(args.get(1), rest(args, 2)).toString(), bytes(args.get(0)));
        return ok("");
      case "partial":
        return ok(
            compositeValues(stub.getStateByPartialCompositeKey(args.get(0), rest(args, 1)), stub));
      case "partialPage":
        return ok(
            page(
                stub.getStateByPartialCompositeKeyWithPagination(
                    stub.createCompositeKey(args.get(2), rest(args, 3)),
                    Integer.parseInt(args.get(0)),
                    args.get(1)),
                true,
                stub));
      case "history":
        return ok(history(stub.getHistoryForKey(args.get(0))));
      case "setEp":
        stub.setStateValidationParameter(args.get(0), bytes(args.get(1)));
        return ok("");
      case "getEp":
        return ResponseUtils.newSuccessResponse(
            orEmpty(stub.getStateValidationParameter(args.get(0))));
      case "invoke":
        return ok(invokeOther(stub, args));
      case "query":
        return ok(keyValues(stub.getQueryResult(args.get(0)), Integer.MAX_VALUE));
      case "privateGet":
        return ResponseUtils.newSuccessResponse(
            orEmpty(stub.getPrivateData(args.get(0), args.get(1))));
      case "privatePut":
        stub.putPrivateData(args.get(0), args.get(1), bytes(args.get(2)));
        return ok("");
      case "event":
        stub.setEvent(args.get(0), bytes(args.get(1)));
        return ok("");
      case "fail":
        return ResponseUtils.newErrorResponse(args.get(0));
      case "sleep":
        sleep(Long.parseLong(args.get(0)));
        return ok("");
      case "txinfo":
        return ok(
            Json.object(
                "txId", Json.string(stub.getTxId()),
                "channelId", Json.string(stub.getChannelId()),
                "args", Json.strings(stub.getStringArgs())));
      default:
        return ResponseUtils.newErrorResponse("unknown function " + function);
    }
  }

  private static String invokeOther(ChaincodeStub stub, List<String> args) {
    List<byte[]> callArgs = new ArrayList<>();
    for (String arg : args.subList(2, args.size())) {
      callArgs.add(bytes(arg));
    }
    Response response =
        args.get(1).isEmpty()
            ? stub.invokeChaincode(args.get(0), callArgs)
            : stub.invokeChaincode(args.get(0), callArgs, args.get(1));
    return Json.object(
        "status", String.valueOf(response.getStatusCode()),
        "message", Json.string(response.getMessage() == null ? "" : response.getMessage()),
        "payload", Json.string(new String(orEmpty(response.getPayload()), UTF_8)));
  }

  private static String keyValues(QueryResultsIterator<KeyValue> results, int limit) {
    List<String> out = new ArrayList<>();
    try (results) {
      for (KeyValue kv : results) {
        out.add(
            Json.object(
                "key", Json.string(kv.getKey()), "value", Json.string(kv.getStringValue())));
        if (out.size() >= limit) {
          break;
        }
      }
    } catch (Exception e) {
      throw rethrow(e);
    }
    return Json.array(out);
  }

  private static String firstKeys(QueryResultsIterator<KeyValue> results, int count) {
    List<String> keys = new ArrayList<>();
    try (results) {
      for (KeyValue kv : results) {
        if (keys.size() >= count) {
          break;
        }
        keys.add(kv.getKey());
      }
    } catch (Exception e) {
      throw rethrow(e);
    }
    return Json.strings(keys);
  }

  private static String compositeValues(
      QueryResultsIterator<KeyValue> results, ChaincodeStub stub) {
    List<String> out = new ArrayList<>();
    try (results) {
      for (KeyValue kv : results) {
        out.add(composite(kv, stub));
      }
    } catch (Exception e) {
      throw rethrow(e);
    }
    return Json.array(out);
  }

  private static String composite(KeyValue kv, ChaincodeStub stub) {
    CompositeKey key = stub.splitCompositeKey(kv.getKey());
    return Json.object(
        "objectType", Json.string(key.getObjectType()),
        "attributes", Json.strings(key.getAttributes()),
        "value", Json.string(kv.getStringValue()));
  }

  private static String page(
      QueryResultsIteratorWithMetadata<KeyValue> results, boolean composite, ChaincodeStub stub) {
    List<String> out = new ArrayList<>();
    QueryResponseMetadata metadata;
    try (results) {
      for (KeyValue kv : results) {
        out.add(
            composite
                ? composite(kv, stub)
                : Json.object(
                    "key", Json.string(kv.getKey()), "value", Json.string(kv.getStringValue())));
      }
      metadata = results.getMetadata();
    } catch (Exception e) {
      throw rethrow(e);
    }
    return Json.object(
        "results", Json.array(out),
        "fetchedRecordsCount", String.valueOf(metadata.getFetchedRecordsCount()),
        "bookmark", Json.string(metadata.getBookmark()));
  }

  private static String history(QueryResultsIterator<KeyModification> results) {
    List<String> out = new ArrayList<>();
    try (results) {
      for (KeyModification mod : results) {
        out.add(
            Json.object(
                "txId", Json.string(mod.getTxId()),
                "value",
                    Json.string(mod.isDeleted() ? "" : new String(orEmpty(mod.getValue()), UTF_8)),
                "isDelete", String.valueOf(mod.isDeleted()),
                "seconds", String.valueOf(mod.getTimestamp().getEpochSecond()),
                "nanos", String.valueOf(mod.getTimestamp().getNano())));
      }
    } catch (Exception e) {
      throw rethrow(e);
    }
    return Json.array(out);
  }

  private static String[] rest(List<String> args, int from) {
    return args.subList(from, args.size()).toArray(new String[0]);
  }

  private static Response ok(String payload) {
    return ResponseUtils.newSuccessResponse(bytes(payload));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static byte[] orEmpty(byte[] bytes) {
    return bytes == null ? new byte[0] : bytes;
  }

  private static RuntimeException rethrow(Exception e) {
    return e instanceof RuntimeException runtime
        ? runtime
        : new IllegalStateException(e.getMessage(), e);
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
