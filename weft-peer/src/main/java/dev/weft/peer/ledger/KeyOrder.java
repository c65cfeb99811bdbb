package dev.weft.peer.ledger;

import java.util.Comparator;

/**
 * Orders keys as Fabric does: by the unsigned bytes of their UTF-8 encoding.
 *
 * <p>For well-formed strings this is code point order, which differs from {@link String#compareTo}
 * (UTF-16 order) for supplementary characters such as U+10FFFF, the character that ends every
 * partial composite key range.
 */
public final class KeyOrder implements Comparator<String> {

  /** The one instance; the comparator has no state. */
  public static final KeyOrder INSTANCE = new KeyOrder();

  private KeyOrder() {}

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
