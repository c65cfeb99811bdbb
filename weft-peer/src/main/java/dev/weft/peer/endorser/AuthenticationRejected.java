package dev.weft.peer.endorser;

/**
 * A proposal refused by the checks Fabric runs as authentication filters in front of its endorser
 * (an expired creator certificate, a timestamp outside the time window). Fabric's filters answer
 * these with an error and no proposal response at all, which Fabric's gateway takes for an endorser
 * it could not reach; the gateway needs to tell them from other refusals to answer alike.
 */
public final class AuthenticationRejected extends ProposalRejected {

  private static final long serialVersionUID = 1L;

  public AuthenticationRejected(String message) {
    super(message);
  }
}
