package dev.weft.peer.ledger;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The RocksDB values of the state database: one format byte, then a protobuf message written by
 * hand.
 *
 * <pre>
 * message StoredValue {                  // under a value key
 *   uint64 block_num = 1;
 *   uint64 tx_num = 2;
 *   bytes value = 3;
 *   repeated MetadataEntry metadata = 4; // in KeyOrder of name
 * }
 * message MetadataEntry {
 *   bytes name = 1;                      // UTF-8
 *   bytes value = 2;
 * }
 * message StoredSavepoint {              // under the savepoint key
 *   uint64 block_num = 1;
 *   uint64 tx_num = 2;
 * }
 * </pre>
 *
 * <p>Protobuf lets a later version add fields that this one skips; the format byte lets it make an
 * incompatible change that this version rejects instead of misreading.
 */
final class StateValues {

  private static final byte FORMAT = 1;

  // Field numbers, and the tags (field number and wire type) that precede the fields.
  private static final int BLOCK_NUM = 1;
  private static final int TX_NUM = 2;
  private static final int VALUE = 3;
  private static final int METADATA = 4;
  private static final int ENTRY_NAME = 1;
  private static final int ENTRY_VALUE = 2;
  private static final int BLOCK_NUM_TAG = BLOCK_NUM << 3 | WireFormat.WIRETYPE_VARINT;
  private static final int TX_NUM_TAG = TX_NUM << 3 | WireFormat.WIRETYPE_VARINT;
  private static final int VALUE_TAG = VALUE << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int METADATA_TAG = METADATA << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int ENTRY_NAME_TAG = ENTRY_NAME << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int ENTRY_VALUE_TAG =
      ENTRY_VALUE << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;

  private StateValues() {}

  static byte[] encode(VersionedValue value) {
    return write(
        true,
        out -> {
          writeHeight(out, value.version());
          out.writeBytes(VALUE, value.value());
          for (Map.Entry<String, ByteString> entry : value.metadata().entrySet()) {
            out.writeByteArray(METADATA, encodeMetadataEntry(entry.getKey(), entry.getValue()));
          }
        });
  }

  static VersionedValue decodeValue(byte[] stored) {
    long blockNum = 0;
    long txNum = 0;
    ByteString value = ByteString.EMPTY;
    SortedMap<String, ByteString> metadata = new TreeMap<>(KeyOrder.INSTANCE);
    try {
      CodedInputStream in = open(stored);
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag) {
          case BLOCK_NUM_TAG -> blockNum = in.readUInt64();
          case TX_NUM_TAG -> txNum = in.readUInt64();
          case VALUE_TAG -> value = in.readBytes();
          case METADATA_TAG -> decodeMetadataEntry(in.readByteArray(), metadata);
          default -> in.skipField(tag);
        }
      }
    } catch (IOException e) {
      throw new LedgerException("corrupt value in the state database", e);
    }
    return new VersionedValue(value, metadata, new Height(blockNum, txNum));
  }

  static byte[] encode(Height savepoint) {
    return write(true, out -> writeHeight(out, savepoint));
  }

  static Height decodeSavepoint(byte[] stored) {
    long blockNum = 0;
    long txNum = 0;
    try {
      CodedInputStream in = open(stored);
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag) {
          case BLOCK_NUM_TAG -> blockNum = in.readUInt64();
          case TX_NUM_TAG -> txNum = in.readUInt64();
          default -> in.skipField(tag);
        }
      }
    } catch (IOException e) {
      throw new LedgerException("corrupt savepoint in the state database", e);
    }
    return new Height(blockNum, txNum);
  }

  private static void writeHeight(CodedOutputStream out, Height height) throws IOException {
    out.writeUInt64(BLOCK_NUM, height.blockNum());
    out.writeUInt64(TX_NUM, height.txNum());
  }

  private static byte[] encodeMetadataEntry(String name, ByteString value) {
    return write(
        false,
        out -> {
          out.writeByteArray(ENTRY_NAME, Utf8.encode(name, "metadata name"));
          out.writeBytes(ENTRY_VALUE, value);
        });
  }

  private static void decodeMetadataEntry(byte[] entry, SortedMap<String, ByteString> into)
      throws IOException {
    String name = "";
    ByteString value = ByteString.EMPTY;
    CodedInputStream in = CodedInputStream.newInstance(entry);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (tag) {
        case ENTRY_NAME_TAG -> {
          byte[] utf8 = in.readByteArray();
          name = Utf8.decode(utf8, 0, utf8.length);
        }
        case ENTRY_VALUE_TAG -> value = in.readBytes();
        default -> in.skipField(tag);
      }
    }
    into.put(name, value);
  }

  private static CodedInputStream open(byte[] stored) {
    if (stored.length == 0 || stored[0] != FORMAT) {
      throw new LedgerException(
          "state database record has unknown format "
              + (stored.length == 0 ? "(empty)" : Byte.toString(stored[0]))
              + "; it was written by another version of Weft");
    }
    return CodedInputStream.newInstance(stored, 1, stored.length - 1);
  }

  private interface Fields {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] write(boolean withFormat, Fields fields) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    if (withFormat) {
      bytes.write(FORMAT);
    }
    try {
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      fields.write(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }
}
