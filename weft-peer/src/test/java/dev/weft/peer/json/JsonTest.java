package dev.weft.peer.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void unescapeReadsBackWhatStringWrote() {
    String text = "a \"quoted\" \\ path\n<tag> & \u2028 \u0001 é";
    String literal = Json.string(text);

    assertThat(Json.unescape(literal.substring(1, literal.length() - 1))).isEqualTo(text);
  }

  @Test
  void unescapeRefusesWhatIsNotAJsonEscape() {
    assertThatThrownBy(() -> Json.unescape("bad \\x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\\x is not a JSON escape");
    assertThatThrownBy(() -> Json.unescape("cut \\u12"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
