package dev.weft.peer.chaincode;

import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/**
 * A frame received from a chaincode: a parsed message, or the reason it could not be parsed. A
 * malformed frame is answered with an ERROR instead of tearing down the stream, so that the other
 * transactions on it carry on.
 *
 * @param message the message, null if malformed
 * @param malformation why the frame is not a ChaincodeMessage, null if well formed
 */
record InboundMessage(ChaincodeMessage message, String malformation) {

  static InboundMessage of(ChaincodeMessage message) {
    return new InboundMessage(message, null);
  }

  static InboundMessage malformed(String why) {
    return new InboundMessage(null, why);
  }

  boolean isMalformed() {
    return malformation != null;
  }
}
