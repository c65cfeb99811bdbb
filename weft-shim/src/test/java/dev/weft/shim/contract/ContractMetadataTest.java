package dev.weft.shim.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractMetadataTest {

  enum Colour {
    RED,
    BLUE
  }

  @DataType(name = "Owner")
  public record Person(String name, List<String> roles) {}

  public record Asset(String id, Colour colour, long size, Person owner, byte[] photo) {}

  /** A class referring to itself, described once. */
  public static final class Node {
    public String label;
    public List<Node> children;
  }

  @Contract(
      name = "assets",
      info =
          @Info(
              title = "Assets",
              description = "Keeps assets",
              version = "1.2",
              license = @Info.License(name = "Apache-2.0"),
              contact = @Info.Contact(email = "team@example.com")))
  public static final class AssetContract implements ContractInterface {

    @Transaction(intent = Transaction.Intent.EVALUATE, name = "ReadAsset")
    public Asset read(Context ctx, String assetId) {
      return null;
    }

    @Transaction
    public void create(Context ctx, Asset asset, int count, boolean force) {}

    @Transaction(intent = Transaction.Intent.EVALUATE)
    public List<Asset> all(Context ctx) {
      return List.of();
    }

    @Transaction(intent = Transaction.Intent.EVALUATE)
    public Node tree(Context ctx, Map<String, Double> weights, char mark) {
      return null;
    }
  }

  @Contract
  @Default
  public static final class Plain implements ContractInterface {
    @Transaction
    public String echo(Context ctx, String text) {
      return text;
    }
  }

  private final JsonNode metadata = parse(new ContractRouter(new AssetContract(), new Plain()));

  private static JsonNode parse(ContractRouter router) {
    try {
      return new ObjectMapper().readTree(router.metadata());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode transaction(String contract, String name) {
    for (JsonNode tx : metadata.path("contracts").path(contract).path("transactions")) {
      if (tx.path("name").asText().equals(name)) {
        return tx;
      }
    }
    throw new AssertionError("no transaction " + name + " in " + contract);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void theDocumentHasTheTopLevelShapeOfFabricsContractMetadata() {
    assertThat(fieldNames(metadata)).containsExactly("$schema", "info", "contracts", "components");
    assertThat(metadata.path("$schema").asText()).endsWith("/contract-schema.json");
    assertThat(fieldNames(metadata.path("contracts")))
        .containsExactly("assets", "Plain", "org.hyperledger.fabric");
    assertThat(fieldNames(metadata.path("components"))).containsExactly("schemas");
  }

  @Test
  void contractInfoHasWhatTheAnnotationGivesAndTheTopLevelInfoIsTheDefaultContracts()
      throws Exception {
    assertThat(metadata.path("contracts").path("assets").path("info"))
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    "{\"title\":\"Assets\",\"description\":\"Keeps assets\","
                        + "\"contact\":{\"email\":\"team@example.com\"},"
                        + "\"license\":{\"name\":\"Apache-2.0\"},\"version\":\"1.2\"}"));
    // Title and version are required by the schema, even when not given.
    assertThat(metadata.path("info"))
        .isEqualTo(new ObjectMapper().readTree("{\"title\":\"\",\"version\":\"\"}"));
  }

  @Test
  void eachContractListsItsTransactionsByNameWithIntentTags() {
    JsonNode assets = metadata.path("contracts").path("assets");
    assertThat(assets.path("name").asText()).isEqualTo("assets");
    assertThat(assets.path("transactions"))
        .extracting(tx -> tx.path("name").asText())
        .containsExactly("ReadAsset", "all", "create", "tree");
    assertThat(transaction("assets", "ReadAsset").path("tags"))
        .extracting(JsonNode::asText)
        .containsExactly("EVALUATE", "QUERY");
    assertThat(transaction("assets", "create").path("tags"))
        .extracting(JsonNode::asText)
        .containsExactly("SUBMIT", "INVOKE");
  }

  @Test
  void parametersHaveTheirSourceNamesAndSchemasAndReturnsOnlyNonVoidFunctions() throws Exception {
    JsonNode create = transaction("assets", "create");
    assertThat(create.path("parameters"))
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    "[{\"name\":\"asset\",\"schema\":{\"$ref\":\"#/components/schemas/Asset\"}},"
                        + "{\"name\":\"count\",\"schema\":{\"type\":\"integer\",\"format\":\"int32\"}},"
                        + "{\"name\":\"force\",\"schema\":{\"type\":\"boolean\"}}]"));
    assertThat(create.has("returns")).isFalse();
    assertThat(transaction("assets", "ReadAsset").path("returns").path("$ref").asText())
        .isEqualTo("#/components/schemas/Asset");
    assertThat(transaction("assets", "all").path("returns").toString())
        .isEqualTo("{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Asset\"}}");
    assertThat(transaction("assets", "tree").path("parameters").toString())
        .isEqualTo(
            "[{\"name\":\"weights\",\"schema\":{\"type\":\"object\",\"additionalProperties\":"
                + "{\"type\":\"number\",\"format\":\"double\"}}},"
                + "{\"name\":\"mark\",\"schema\":{\"type\":\"string\",\"format\":\"uint16\"}}]");
  }

  @Test
  void dataTypesAreDescribedOnceWithThePropertiesJacksonWrites() throws Exception {
    JsonNode schemas = metadata.path("components").path("schemas");
    assertThat(fieldNames(schemas)).containsExactlyInAnyOrder("Asset", "Owner", "Node");
    assertThat(schemas.path("Asset"))
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    "{\"$id\":\"Asset\",\"type\":\"object\",\"additionalProperties\":false,"
                        + "\"properties\":{"
                        + "\"id\":{\"type\":\"string\"},"
                        + "\"colour\":{\"type\":\"string\",\"enum\":[\"RED\",\"BLUE\"]},"
                        + "\"size\":{\"type\":\"integer\",\"format\":\"int64\"},"
                        + "\"owner\":{\"$ref\":\"#/components/schemas/Owner\"},"
                        + "\"photo\":{\"type\":\"string\",\"format\":\"byte\"}}}"));
    assertThat(schemas.path("Owner").path("properties").path("roles").toString())
        .isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}");
    assertThat(schemas.path("Node").path("properties").path("children").toString())
        .isEqualTo("{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Node\"}}");
  }

  @Test
  void everyReferenceResolvesToADescribedDataType() {
    JsonNode schemas = metadata.path("components").path("schemas");
    List<String> refs = metadata.findValuesAsText("$ref");

    assertThat(refs).isNotEmpty();
    assertThat(refs)
        .allSatisfy(
            ref -> {
              assertThat(ref).startsWith("#/components/schemas/");
              assertThat(schemas.has(ref.substring("#/components/schemas/".length()))).isTrue();
            });
  }

  @Test
  void theSystemContractDescribesGetMetadata() {
    JsonNode getMetadata = transaction("org.hyperledger.fabric", "GetMetadata");

    assertThat(getMetadata.path("tags").get(0).asText()).isEqualTo("EVALUATE");
    assertThat(getMetadata.path("parameters")).isEmpty();
    assertThat(getMetadata.path("returns").path("type").asText()).isEqualTo("string");
  }

  @DataType(name = "Asset")
  public record Impostor(String id) {}

  @Contract
  public static final class Clash implements ContractInterface {
    @Transaction
    public void f(Context ctx, Asset asset, Impostor impostor) {}
  }

  @Test
  void twoDataTypesUnderOneNameAreRefused() {
    assertThatThrownBy(() -> new ContractRouter(new Clash()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("two data types are named Asset in the metadata");
  }
}
