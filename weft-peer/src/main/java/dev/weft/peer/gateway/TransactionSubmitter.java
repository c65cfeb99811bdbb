package dev.weft.peer.gateway;

import dev.weft.peer.ordering.BroadcastService;
import io.grpc.Status;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.orderer.BroadcastResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submit: hands a signed prepared transaction to the ordering service, here the peer's embedded
 * orderer, which applies Broadcast's checks; returns once the orderer has accepted it (not once it
 * is committed). As in Fabric's gateway: INVALID_ARGUMENT without a transaction or its signature,
 * FAILED_PRECONDITION for a channel the peer has not joined, ABORTED "received unsuccessful
 * response from orderer: status=…, info=…" when the orderer refuses it as a bad request (4xx), and
 * UNAVAILABLE "no orderers could successfully process transaction" otherwise. Fabric attaches no
 * error detail to the last; Weft attaches the orderer's answer, which is otherwise lost.
 */
final class TransactionSubmitter {

  private static final Logger log = LoggerFactory.getLogger(TransactionSubmitter.class);

  private final LocalEndorser peer;
  private final BroadcastService orderer;

  TransactionSubmitter(LocalEndorser peer, BroadcastService orderer) {
    this.peer = peer;
    this.orderer = orderer;
  }

  SubmitResponse submit(SubmitRequest request) {
    if (!request.hasPreparedTransaction()) {
      throw GatewayError.of(Status.Code.INVALID_ARGUMENT, "a prepared transaction is required");
    }
    if (request.getPreparedTransaction().getSignature().isEmpty()) {
      throw GatewayError.of(Status.Code.INVALID_ARGUMENT, "prepared transaction must be signed");
    }
    String channel = request.getChannelId();
    if (!peer.servesChannel(channel)) {
      throw GatewayError.of(Status.Code.FAILED_PRECONDITION, peer.unknownChannel(channel));
    }
    BroadcastResponse answer = orderer.process(request.getPreparedTransaction());
    int status = answer.getStatusValue();
    if (status == org.hyperledger.fabric.protos.common.Status.SUCCESS_VALUE) {
      return SubmitResponse.getDefaultInstance();
    }
    String refusal =
        "received unsuccessful response from orderer: status="
            + answer.getStatus().name()
            + ", info="
            + answer.getInfo();
    log.warn(
        "submit of transaction {} on channel {} refused: {}",
        request.getTransactionId(),
        channel,
        refusal);
    if (status >= 400 && status < 500) {
      throw GatewayError.of(Status.Code.ABORTED, refusal);
    }
    throw GatewayError.of(
        Status.Code.UNAVAILABLE,
        "no orderers could successfully process transaction",
        peer.endpoint().detail(refusal));
  }
}
