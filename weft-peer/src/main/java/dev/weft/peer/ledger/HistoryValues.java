package dev.weft.peer.ledger;

import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;

/**
 * The RocksDB values of the history database: one format byte, then the {@link KeyModification} a
 * history query returns (txid, timestamp, value, is-delete).
 *
 * <p>Fabric stores nothing but the key and reads the transaction back from the block store; Weft
 * has no block store yet, so the modification itself is kept. The format byte lets a later version
 * switch to pointers into the block store and recognise records of this one.
 */
final class HistoryValues {

  private static final byte FORMAT = 1;

  private HistoryValues() {}

  static byte[] encode(KeyModification modification) {
    byte[] message = modification.toByteArray();
    byte[] stored = new byte[message.length + 1];
    stored[0] = FORMAT;
    System.arraycopy(message, 0, stored, 1, message.length);
    return stored;
  }

  static KeyModification decode(byte[] stored) {
    if (stored.length == 0 || stored[0] != FORMAT) {
      throw new LedgerException(
          "history database record has unknown format "
              + (stored.length == 0 ? "(empty)" : Byte.toString(stored[0]))
              + "; it was written by another version of Weft");
    }
    try {
      return KeyModification.parser().parseFrom(stored, 1, stored.length - 1);
    } catch (InvalidProtocolBufferException e) {
      throw new LedgerException("corrupt record in the history database", e);
    }
  }
}
