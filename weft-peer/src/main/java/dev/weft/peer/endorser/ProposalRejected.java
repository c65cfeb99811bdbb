package dev.weft.peer.endorser;

/**
 * A proposal the endorser refuses to process: malformed, invalid, duplicate or unauthorised. Fabric
 * answers these with a gRPC error (status UNKNOWN) whose message is this exception's.
 */
public class ProposalRejected extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ProposalRejected(String message) {
    super(message);
  }
}
