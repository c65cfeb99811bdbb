package dev.weft.peer.gateway;

import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * A node the gateway asked for something, as error details name it.
 *
 * @param address where clients reach it
 * @param mspId its organisation
 */
record Endpoint(String address, String mspId) {

  /** What this node answered, for the error the client gets. */
  ErrorDetail detail(String message) {
    return ErrorDetail.newBuilder().setAddress(address).setMspId(mspId).setMessage(message).build();
  }
}
