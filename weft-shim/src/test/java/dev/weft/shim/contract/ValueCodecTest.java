package dev.weft.shim.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

  public record Asset(String id, int size) {}

  enum Colour {
    RED,
    BLUE
  }

  private final ValueCodec codec =
      new ValueCodec(new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));

  private Object from(String text, Type type) {
    return codec.fromArgument(text.getBytes(StandardCharsets.UTF_8), type);
  }

  private String payload(Object value) {
    return new String(codec.toPayload(value), StandardCharsets.UTF_8);
  }

  /** For the generic parameter types of its methods. */
  private interface Signatures {
    void assets(List<Asset> assets);

    void counts(Map<String, Integer> counts);
  }

  private static Type parameterOf(String method) {
    return java.util.Arrays.stream(Signatures.class.getDeclaredMethods())
        .filter(m -> m.getName().equals(method))
        .findFirst()
        .orElseThrow()
        .getGenericParameterTypes()[0];
  }

  @Test
  void stringsArePassedAsTheirText() {
    assertThat(from("Jin Soo ✓", String.class)).isEqualTo("Jin Soo ✓");
    assertThat(from("{\"not\":\"parsed\"}", String.class)).isEqualTo("{\"not\":\"parsed\"}");
  }

  @Test
  void primitivesAndTheirWrappersAreParsedFromTheirTextForm() {
    assertThat(from("-42", int.class)).isEqualTo(-42);
    assertThat(from("42", Integer.class)).isEqualTo(42);
    assertThat(from("9000000000", long.class)).isEqualTo(9_000_000_000L);
    assertThat(from("7", short.class)).isEqualTo((short) 7);
    assertThat(from("7", byte.class)).isEqualTo((byte) 7);
    assertThat(from("2.5", double.class)).isEqualTo(2.5);
    assertThat(from("2.5", float.class)).isEqualTo(2.5f);
    assertThat(from("true", boolean.class)).isEqualTo(true);
    assertThat(from("false", Boolean.class)).isEqualTo(false);
    assertThat(from("x", char.class)).isEqualTo('x');
    assertThat(from("BLUE", Colour.class)).isEqualTo(Colour.BLUE);
  }

  @Test
  void recordsListsAndMapsAreReadAsJson() {
    assertThat(from("{\"id\":\"a1\",\"size\":3}", Asset.class)).isEqualTo(new Asset("a1", 3));
    assertThat(from("[{\"id\":\"a\",\"size\":1},{\"id\":\"b\",\"size\":2}]", parameterOf("assets")))
        .isEqualTo(List.of(new Asset("a", 1), new Asset("b", 2)));
    assertThat(from("{\"x\":1}", parameterOf("counts"))).isEqualTo(Map.of("x", 1));
    assertThat(from("[1,2]", int[].class)).isEqualTo(new int[] {1, 2});
  }

  @Test
  void aByteArrayParameterGetsTheRawArgument() {
    byte[] raw = {0, (byte) 0xff, 0x41};

    assertThat(codec.fromArgument(raw, byte[].class)).isEqualTo(raw);
  }

  @Test
  void aValueOfTheWrongFormFailsSayingWhatWasExpected() {
    assertThatThrownBy(() -> from("12x", int.class))
        .isInstanceOf(ContractException.class)
        .hasMessage("cannot convert '12x' to int: For input string: \"12x\"");
    assertThatThrownBy(() -> from("yes", boolean.class))
        .hasMessage("cannot convert 'yes' to boolean: expected true or false");
    assertThatThrownBy(() -> from("xy", char.class))
        .hasMessage("cannot convert 'xy' to char: expected a single character");
    assertThatThrownBy(() -> from("GREEN", Colour.class))
        .hasMessage("cannot convert 'GREEN' to Colour: expected one of [RED, BLUE]");
  }

  @Test
  void jsonThatIsMalformedTrailedOrHasUnknownPropertiesIsRefused() {
    assertThatThrownBy(() -> from("{\"id\":", Asset.class))
        .isInstanceOf(ContractException.class)
        .hasMessageStartingWith("cannot convert '{\"id\":' to Asset: ");
    assertThatThrownBy(() -> from("{\"id\":\"a\",\"size\":1} {}", Asset.class))
        .hasMessageStartingWith("cannot convert '{\"id\":\"a\",\"size\":1} {}' to Asset: Trailing");
    assertThatThrownBy(() -> from("{\"id\":\"a\",\"colour\":\"red\"}", Asset.class))
        .hasMessageContaining("Unrecognized field \"colour\"");
  }

  @Test
  void resultsBecomeTextForStringsAndPrimitivesAndJsonForTheRest() {
    assertThat(payload("Jin Soo ✓")).isEqualTo("Jin Soo ✓");
    assertThat(payload(42)).isEqualTo("42");
    assertThat(payload(9_000_000_000L)).isEqualTo("9000000000");
    assertThat(payload(2.5)).isEqualTo("2.5");
    assertThat(payload(true)).isEqualTo("true");
    assertThat(payload('x')).isEqualTo("x");
    assertThat(payload(Colour.RED)).isEqualTo("RED");
    assertThat(payload(new Asset("a1", 3))).isEqualTo("{\"id\":\"a1\",\"size\":3}");
    assertThat(payload(List.of(new Asset("a", 1)))).isEqualTo("[{\"id\":\"a\",\"size\":1}]");
    assertThat(payload(new String[] {"a", "b"})).isEqualTo("[\"a\",\"b\"]");
  }

  @Test
  void nullGivesAnEmptyPayloadAndBytesAreGivenAsTheyAre() {
    assertThat(codec.toPayload(null)).isEmpty();
    assertThat(codec.toPayload(new byte[] {1, 2, (byte) 0xff})).containsExactly(1, 2, 0xff);
  }
}
