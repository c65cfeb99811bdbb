package dev.weft.shim.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Parameter;
import java.util.Collection;

/**
 * The metadata document {@code org.hyperledger.fabric:GetMetadata} returns, in the shape of
 * Fabric's contract metadata schema (the one {@code fabric-contract-api} publishes as {@code
 * contract-schema.json}): {@code $schema}, {@code info}, {@code contracts} by name with their
 * transactions, and {@code components.schemas} with the data types they exchange.
 */
final class ContractMetadata {

  static final String SCHEMA =
      "https://hyperledger.github.io/fabric-chaincode-node/main/api/contract-schema.json";

  private final ObjectMapper json;
  private final TypeSchemas types;

  private ContractMetadata(ObjectMapper json) {
    this.json = json;
    this.types = new TypeSchemas(json);
  }

  /**
   * The metadata of these contracts and the system contract; the top-level information is the
   * default contract's.
   *
   * @throws IllegalArgumentException if two data types would have the same name
   */
  static ObjectNode of(
      Collection<ContractDefinition> contracts,
      ContractDefinition defaultContract,
      ObjectMapper json) {
    return new ContractMetadata(json).document(contracts, defaultContract);
  }

  private ObjectNode document(
      Collection<ContractDefinition> contracts, ContractDefinition defaultContract) {
    ObjectNode root = json.createObjectNode();
    root.put("$schema", SCHEMA);
    root.set("info", info(defaultContract.info()));
    ObjectNode byName = root.putObject("contracts");
    for (ContractDefinition contract : contracts) {
      ObjectNode node = byName.putObject(contract.name());
      node.put("name", contract.name());
      node.set("info", info(contract.info()));
      ArrayNode transactions = node.putArray("transactions");
      for (TransactionFunction function : contract.functions().values()) {
        transactions.add(transaction(function));
      }
    }
    byName.set(ContractRouter.SYSTEM_CONTRACT, systemContract());
    root.putObject("components").set("schemas", types.components());
    return root;
  }

  private ObjectNode transaction(TransactionFunction function) {
    ObjectNode node = json.createObjectNode();
    node.put("name", function.name());
    // The second tag is the older name of the intent, which Fabric's Java shim also lists.
    ArrayNode tags = node.putArray("tags");
    if (function.intent() == Transaction.Intent.SUBMIT) {
      tags.add("SUBMIT").add("INVOKE");
    } else {
      tags.add("EVALUATE").add("QUERY");
    }
    ArrayNode parameters = node.putArray("parameters");
    for (Parameter parameter : function.parameters()) {
      ObjectNode described = parameters.addObject();
      described.put("name", parameter.getName());
      described.set("schema", types.schemaOf(parameter.getParameterizedType()));
    }
    Class<?> returned = function.method().getReturnType();
    if (returned != void.class && returned != Void.class) {
      node.set("returns", types.schemaOf(function.method().getGenericReturnType()));
    }
    return node;
  }

  private ObjectNode systemContract() {
    ObjectNode node = json.createObjectNode();
    node.put("name", ContractRouter.SYSTEM_CONTRACT);
    node.putObject("info")
        .put("title", "System contract")
        .put("description", "Describes the contracts of this chaincode")
        .put("version", "");
    ObjectNode getMetadata = node.putArray("transactions").addObject();
    getMetadata.put("name", ContractRouter.GET_METADATA);
    getMetadata.putArray("tags").add("EVALUATE").add("QUERY");
    getMetadata.putArray("parameters");
    getMetadata.putObject("returns").put("type", "string");
    return node;
  }

  private ObjectNode info(Info info) {
    ObjectNode node = json.createObjectNode();
    // Title and version are required by the schema, the rest only present when given.
    node.put("title", info.title());
    putIfGiven(node, "description", info.description());
    putIfGiven(node, "termsOfService", info.termsOfService());
    ObjectNode contact = json.createObjectNode();
    putIfGiven(contact, "name", info.contact().name());
    putIfGiven(contact, "url", info.contact().url());
    putIfGiven(contact, "email", info.contact().email());
    if (!contact.isEmpty()) {
      node.set("contact", contact);
    }
    if (!info.license().name().isEmpty()) {
      ObjectNode license = node.putObject("license").put("name", info.license().name());
      putIfGiven(license, "url", info.license().url());
    }
    node.put("version", info.version());
    return node;
  }

  private static void putIfGiven(ObjectNode node, String field, String value) {
    if (!value.isEmpty()) {
      node.put(field, value);
    }
  }
}
