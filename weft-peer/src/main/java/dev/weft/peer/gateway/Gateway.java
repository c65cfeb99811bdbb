package dev.weft.peer.gateway;

import dev.weft.peer.chaincode.ChaincodeSupport;
import dev.weft.peer.channel.Channels;
import dev.weft.peer.endorser.Endorser;
import dev.weft.peer.ledger.Ledgers;
import dev.weft.peer.ordering.BroadcastService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;

/**
 * The peer's embedded gateway, Fabric's {@code gateway.Gateway} service: Evaluate, Endorse, Submit,
 * CommitStatus and ChaincodeEvents for clients such as the fabric-gateway SDKs, with the status
 * codes and error details Fabric's gateway answers with. It endorses on this peer (a Weft gateway
 * knows no other peers), submits to the peer's embedded orderer and reads commits and events from
 * the peer's ledgers.
 */
public final class Gateway {

  /**
   * What the gateway needs to know of its peer.
   *
   * @param mspId the peer's organisation, which endorses
   * @param endorsementPolicyPath the channel policy every chaincode's endorsements must satisfy
   * @param chaincodeAddress where chaincode connects to the peer ({@code host:port}), for the
   *     advice in errors about chaincode that is not running
   */
  public record Settings(String mspId, String endorsementPolicyPath, String chaincodeAddress) {}

  private final ServerServiceDefinition service;

  /**
   * @param endorser endorses proposals on this peer
   * @param chaincodeSupport tells which chaincodes are running
   * @param channels the channels the peer has joined, with their policies
   * @param ledgers the channels' ledgers, for commit statuses and events
   * @param orderer takes submitted transactions
   * @param settings what the gateway needs to know of its peer
   */
  public Gateway(
      Endorser endorser,
      ChaincodeSupport chaincodeSupport,
      Channels channels,
      Ledgers ledgers,
      BroadcastService orderer,
      Settings settings) {
    LocalEndorser peer =
        new LocalEndorser(
            endorser, chaincodeSupport, channels, settings.mspId(), settings.chaincodeAddress());
    RequestAccess access = new RequestAccess(channels);
    this.service =
        ServerInterceptors.intercept(
            new GatewayService(
                new Evaluator(peer),
                new EndorsementCollector(
                    peer, new EndorsementPlan(channels, settings.endorsementPolicyPath())),
                new TransactionSubmitter(peer, orderer),
                new CommitStatusLookup(ledgers, access),
                new ChaincodeEventsFeed(ledgers, access)),
            new CallAddress());
  }

  /** The {@code gateway.Gateway} service, to be added to the peer's client-facing server. */
  public ServerServiceDefinition service() {
    return service;
  }
}
