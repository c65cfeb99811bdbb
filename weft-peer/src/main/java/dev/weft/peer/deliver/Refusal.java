package dev.weft.peer.deliver;

import org.hyperledger.fabric.protos.common.Status;

/** Why a Deliver request ends before all its blocks are sent: Fabric's status and a reason. */
final class Refusal extends Exception {

  private static final long serialVersionUID = 1L;

  private final Status status;

  Refusal(Status status, String reason) {
    // No stack trace: a refusal is an answer to the client, not a fault of this peer.
    super(reason, null, false, false);
    this.status = status;
  }

  Status status() {
    return status;
  }
}
