package dev.weft.peer.msp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM armour as Go's {@code encoding/pem} writes it (64-character lines, {@code \n}), which is what
 * Fabric puts in {@code SerializedIdentity.id_bytes} and MSP folders.
 */
public final class Pem {

  /** One PEM block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}) and DER content. */
  public record Block(String label, byte[] der) {}

  private static final Base64.Encoder ENCODER =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  /** The PEM text of one block. */
  public static byte[] encode(String label, byte[] der) {
    String text =
        "-----BEGIN "
            + label
            + "-----\n"
            + ENCODER.encodeToString(der)
            + "\n-----END "
            + label
            + "-----\n";
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Every block in {@code pem}, in order; text outside blocks is ignored, as Go does. */
  public static List<Block> decodeAll(byte[] pem) {
    String text = new String(pem, StandardCharsets.ISO_8859_1);
    List<Block> blocks = new ArrayList<>();
    int from = 0;
    while (true) {
      int begin = text.indexOf("-----BEGIN ", from);
      if (begin < 0) {
        return blocks;
      }
      int labelEnd = text.indexOf("-----", begin + 11);
      if (labelEnd < 0) {
        return blocks;
      }
      String label = text.substring(begin + 11, labelEnd);
      String endMarker = "-----END " + label + "-----";
      int end = text.indexOf(endMarker, labelEnd + 5);
      if (end < 0) {
        return blocks;
      }
      String body = text.substring(labelEnd + 5, end).replaceAll("\\s", "");
      try {
        blocks.add(new Block(label, Base64.getDecoder().decode(body)));
      } catch (IllegalArgumentException e) {
        throw new MspException("PEM block " + label + " is not valid base64", e);
      }
      from = end + endMarker.length();
    }
  }

  /** The first block with the given label. */
  public static byte[] decode(byte[] pem, String label) {
    return decodeAll(pem).stream()
        .filter(b -> b.label().equals(label))
        .findFirst()
        .map(Block::der)
        .orElseThrow(() -> new MspException("no PEM block " + label + " found"));
  }
}
