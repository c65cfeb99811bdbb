package dev.weft.shim.contract;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.shim.Chaincode;
import dev.weft.shim.ChaincodeStub;
import dev.weft.shim.Response;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chaincode made of contracts: routes each transaction to a contract's transaction function by
 * its first argument, {@code contract:function} or, for the default contract, {@code function};
 * converts the other arguments to the function's parameter types and the result to the payload.
 * Also serves {@code org.hyperledger.fabric:GetMetadata}, the contracts' description in Fabric's
 * contract metadata format, which Fabric's client tools read.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   Shim.start(new ContractRouter(new AssetTransfer()), args);
 * }
 * }</pre>
 */
public final class ContractRouter implements Chaincode {

  /** The name of the contract every contract chaincode has, serving {@code GetMetadata}. */
  public static final String SYSTEM_CONTRACT = "org.hyperledger.fabric";

  private static final Logger log = LoggerFactory.getLogger(ContractRouter.class);

  private final Map<String, ContractDefinition> contracts = new LinkedHashMap<>();
  private final ContractDefinition defaultContract;
  private final ValueCodec codec = new ValueCodec();
  private final byte[] metadata;

  /** Routes to these contracts; fails at once on a contract the router cannot serve. */
  public ContractRouter(ContractInterface... contracts) {
    if (contracts.length == 0) {
      throw new IllegalArgumentException("a contract chaincode needs at least one contract");
    }
    ContractDefinition chosen = null;
    for (ContractInterface instance : contracts) {
      ContractDefinition contract = ContractDefinition.of(instance);
      if (contract.name().equals(SYSTEM_CONTRACT)
          || this.contracts.put(contract.name(), contract) != null) {
        throw new IllegalArgumentException("two contracts are named " + contract.name());
      }
      if (contract.isDefault()) {
        if (chosen != null && chosen.isDefault()) {
          throw new IllegalArgumentException(
              "both " + chosen.name() + " and " + contract.name() + " are marked @Default");
        }
        chosen = contract;
      } else if (chosen == null) {
        chosen = contract;
      }
    }
    defaultContract = chosen;
    metadata = buildMetadata().toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Fabric's contract API routes INIT like any transaction. */
  @Override
  public Response init(ChaincodeStub stub) {
    return invoke(stub);
  }

  @Override
  public Response invoke(ChaincodeStub stub) {
    String qualified = stub.getFunction();
    int colon = qualified.lastIndexOf(':');
    String contractName = colon < 0 ? defaultContract.name() : qualified.substring(0, colon);
    String functionName = colon < 0 ? qualified : qualified.substring(colon + 1);
    if (contractName.equals(SYSTEM_CONTRACT)) {
      return functionName.equals("GetMetadata")
          ? Response.success(metadata)
          : Response.error(
              "Undefined contract method called: '"
                  + qualified
                  + "' (the system contract has"
                  + " GetMetadata only)");
    }
    ContractDefinition contract = contracts.get(contractName);
    if (contract == null) {
      return Response.error(
          "Undefined contract called: '"
              + contractName
              + "' (contracts: "
              + contracts.keySet()
              + ")");
    }
    Context ctx = contract.instance().createContext(stub);
    try {
      TransactionFunction function = contract.functions().get(functionName);
      if (function == null) {
        contract.instance().unknownTransaction(ctx);
        return Response.success();
      }
      Object[] arguments = arguments(function, stub.getParameters());
      contract.instance().beforeTransaction(ctx);
      arguments[0] = ctx;
      Object result = call(contract, function, arguments);
      contract.instance().afterTransaction(ctx, result);
      return Response.success(codec.toPayload(result));
    } catch (ContractException e) {
      return new Response(Response.ERROR, e.getMessage(), e.payload());
    } catch (RuntimeException e) {
      log.warn("[{}] {} failed", shortTxId(stub.getTxId()), qualified, e);
      return Response.error(e.getMessage() != null ? e.getMessage() : e.toString());
    }
  }

  private Object[] arguments(TransactionFunction function, List<String> given) {
    List<Parameter> parameters = function.parameters();
    if (given.size() != parameters.size()) {
      throw new ContractException(
          "function "
              + function.name()
              + " takes "
              + parameters.size()
              + " argument(s), got "
              + given.size());
    }
    Object[] arguments = new Object[parameters.size() + 1];
    for (int i = 0; i < parameters.size(); i++) {
      arguments[i + 1] = codec.fromString(given.get(i), parameters.get(i).getParameterizedType());
    }
    return arguments;
  }

  private static Object call(
      ContractDefinition contract, TransactionFunction function, Object[] arguments) {
    try {
      return function.method().invoke(contract.instance(), arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new ContractException(String.valueOf(e.getCause().getMessage()));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + function.method(), e);
    }
  }

  private ObjectNode buildMetadata() {
    ObjectNode root = codec.json().createObjectNode();
    root.put(
        "$schema",
        "https://hyperledger.github.io/fabric-chaincode-node/main/api/contract-schema.json");
    root.set("info", info(defaultContract.info(), defaultContract.name()));
    ObjectNode contractsNode = root.putObject("contracts");
    ObjectNode schemas = codec.json().createObjectNode();
    for (ContractDefinition contract : contracts.values()) {
      ObjectNode node = contractsNode.putObject(contract.name());
      node.put("name", contract.name());
      node.set("info", info(contract.info(), contract.name()));
      ArrayNode transactions = node.putArray("transactions");
      for (TransactionFunction function : contract.functions().values()) {
        ObjectNode tx = transactions.addObject();
        tx.put("name", function.name());
        ArrayNode tags = tx.putArray("tags");
        if (function.intent() == Transaction.Intent.SUBMIT) {
          tags.add("SUBMIT").add("submitTx");
        } else {
          tags.add("EVALUATE");
        }
        ArrayNode parameters = tx.putArray("parameters");
        for (Parameter parameter : function.parameters()) {
          ObjectNode p = parameters.addObject();
          p.put("name", parameter.getName());
          p.set("schema", codec.schema(parameter.getParameterizedType(), schemas));
        }
        Class<?> returnType = function.method().getReturnType();
        if (returnType != void.class && returnType != Void.class) {
          tx.set("returns", codec.schema(function.method().getGenericReturnType(), schemas));
        }
      }
      if (contract == defaultContract) {
        node.put("default", true);
      }
    }
    ObjectNode system = contractsNode.putObject(SYSTEM_CONTRACT);
    system.put("name", SYSTEM_CONTRACT);
    system.set("info", info(null, SYSTEM_CONTRACT));
    ObjectNode getMetadata = system.putArray("transactions").addObject();
    getMetadata.put("name", "GetMetadata");
    getMetadata.putArray("tags").add("EVALUATE");
    getMetadata.putArray("parameters");
    getMetadata.putObject("returns").put("type", "string");
    root.putObject("components").set("schemas", schemas);
    return root;
  }

  private ObjectNode info(Info info, String name) {
    ObjectNode node = codec.json().createObjectNode();
    node.put("title", info == null || info.title().isEmpty() ? name : info.title());
    if (info != null && !info.description().isEmpty()) {
      node.put("description", info.description());
    }
    node.put("version", info == null || info.version().isEmpty() ? "latest" : info.version());
    return node;
  }

  private static String shortTxId(String txId) {
    return txId.length() <= 8 ? txId : txId.substring(0, 8);
  }
}
