package dev.weft.shim;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;

/** Parsing for tests: a payload that does not parse fails the test. */
final class ChaincodeMessages {

  private ChaincodeMessages() {}

  static <T> T parse(Parser<T> parser, ByteString bytes) {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("payload does not parse: " + e.getMessage(), e);
    }
  }
}
