package dev.weft.shim.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.shim.Chaincode;
import dev.weft.shim.ChaincodeStub;
import dev.weft.shim.Response;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chaincode made of contracts. It routes each transaction by its first argument, {@code
 * contract:function}, or just {@code function} for the default contract (the one marked {@link
 * Default}, else the first given), to a {@link Transaction} method; converts the other arguments to
 * the method's parameter types and its return value to the response payload; and turns an exception
 * into an error response with the exception's message (and, for a {@link ContractException}, its
 * status and payload).
 *
 * <p>Arguments and results: {@code String} as UTF-8 text; primitives, their wrappers and enums as
 * their text form ({@code 42}, {@code true}, {@code BLUE}); {@code byte[]} as is; records and other
 * classes, arrays and collections as JSON (with Jackson). A void function (or a null result) gives
 * an empty payload.
 *
 * <p>It also serves {@code org.hyperledger.fabric:GetMetadata}, which returns the contracts'
 * description in Fabric's contract metadata format. A transaction with no arguments at all succeeds
 * with an empty payload, as with Fabric's Java shim.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   Shim.start(new ContractRouter(new AssetContract(), new AuditContract()), args);
 * }
 * }</pre>
 *
 * <p>Transactions run concurrently on the contract instances given here: they must be thread-safe.
 */
public final class ContractRouter implements Chaincode {

  /** The contract every contract chaincode also has, serving {@value #GET_METADATA}. */
  public static final String SYSTEM_CONTRACT = "org.hyperledger.fabric";

  /** The system contract's function returning the metadata. */
  public static final String GET_METADATA = "GetMetadata";

  private static final Logger log = LoggerFactory.getLogger(ContractRouter.class);

  private final Map<String, ContractDefinition> contracts;
  private final ContractDefinition defaultContract;
  private final ValueCodec codec;
  private final byte[] metadata;

  /**
   * Routes to these contracts.
   *
   * @throws IllegalArgumentException at once if a contract is not valid: not annotated with {@link
   *     Contract}, two contracts or functions with one name, a function not taking the context
   *     first, two contracts marked {@link Default}
   */
  public ContractRouter(ContractInterface... contracts) {
    if (contracts.length == 0) {
      throw new IllegalArgumentException("a contract chaincode needs at least one contract");
    }
    Map<String, ContractDefinition> byName = new LinkedHashMap<>();
    ContractDefinition chosen = null;
    for (ContractInterface instance : contracts) {
      ContractDefinition contract = ContractDefinition.of(instance);
      if (contract.name().equals(SYSTEM_CONTRACT)) {
        throw new IllegalArgumentException("the contract name " + SYSTEM_CONTRACT + " is Fabric's");
      }
      if (byName.put(contract.name(), contract) != null) {
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
    this.contracts = Collections.unmodifiableMap(byName);
    this.defaultContract = chosen;
    ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.codec = new ValueCodec(json);
    this.metadata =
        ContractMetadata.of(byName.values(), chosen, json)
            .toString()
            .getBytes(StandardCharsets.UTF_8);
  }

  /** The metadata {@code org.hyperledger.fabric:GetMetadata} returns, as JSON text. */
  public String metadata() {
    return new String(metadata, StandardCharsets.UTF_8);
  }

  /** Routes like {@link #invoke}: the caller names the function to initialise with. */
  @Override
  public Response init(ChaincodeStub stub) {
    return invoke(stub);
  }

  @Override
  public Response invoke(ChaincodeStub stub) {
    List<byte[]> args = stub.getArgs();
    if (args.isEmpty()) {
      return Response.success();
    }
    String qualified = stub.getFunction();
    int colon = qualified.lastIndexOf(':');
    String contractName = colon < 0 ? defaultContract.name() : qualified.substring(0, colon);
    String functionName = qualified.substring(colon + 1);
    if (contractName.equals(SYSTEM_CONTRACT)) {
      return functionName.equals(GET_METADATA)
          ? Response.success(metadata)
          : Response.error(
              "Undefined contract method called: '"
                  + functionName
                  + "' in contract '"
                  + SYSTEM_CONTRACT
                  + "'");
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
    return execute(contract, contract.function(functionName), stub, args.subList(1, args.size()));
  }

  private Response execute(
      ContractDefinition contract,
      TransactionFunction function,
      ChaincodeStub stub,
      List<byte[]> arguments) {
    ContractInterface instance = contract.instance();
    try {
      Context ctx = instance.createContext(stub);
      if (function == null) {
        instance.unknownTransaction(ctx);
        return Response.success();
      }
      Object[] values = convert(function, arguments);
      instance.beforeTransaction(ctx);
      Object result = function.invoke(instance, ctx, values);
      instance.afterTransaction(ctx, result);
      return Response.success(codec.toPayload(result));
    } catch (InvocationTargetException e) {
      return failure(e.getCause(), stub);
    } catch (RuntimeException e) {
      return failure(e, stub);
    }
  }

  private Object[] convert(TransactionFunction function, List<byte[]> arguments) {
    int expected = function.parameters().size();
    if (arguments.size() != expected) {
      throw new ContractException(
          "function "
              + function.name()
              + " takes "
              + expected
              + (expected == 1 ? " argument" : " arguments")
              + ", got "
              + arguments.size());
    }
    Object[] values = new Object[expected];
    for (int i = 0; i < expected; i++) {
      values[i] =
          codec.fromArgument(arguments.get(i), function.parameters().get(i).getParameterizedType());
    }
    return values;
  }

  private static Response failure(Throwable thrown, ChaincodeStub stub) {
    if (thrown instanceof Error error) {
      throw error;
    }
    if (thrown instanceof ContractException refused) {
      log.debug("[{}] {} refused: {}", shortTxId(stub), stub.getFunction(), refused.getMessage());
      return new Response(refused.status(), refused.getMessage(), refused.payload());
    }
    // Not thrown on purpose: worth the stack trace in the chaincode's log.
    log.warn("[{}] {} failed", shortTxId(stub), stub.getFunction(), thrown);
    return Response.error(thrown.getMessage() != null ? thrown.getMessage() : thrown.toString());
  }

  private static String shortTxId(ChaincodeStub stub) {
    String txId = stub.getTxId();
    return txId == null || txId.length() <= 8 ? txId : txId.substring(0, 8);
  }
}
