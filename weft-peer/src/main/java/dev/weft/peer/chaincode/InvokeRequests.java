package dev.weft.peer.chaincode;

import static dev.weft.peer.chaincode.ChaincodeMessages.shortTxId;
import static dev.weft.peer.chaincode.ChaincodeRequests.parse;

import com.google.protobuf.ByteString;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.ledger.Ledgers;
import dev.weft.peer.ledger.TxSimulator;
import java.util.concurrent.CompletableFuture;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * INVOKE_CHAINCODE: a chaincode calls another, by {@code name} or {@code name/channel} (a {@code
 * :version} part is accepted and ignored, as in Fabric).
 *
 * <p>On the same channel the callee runs in the caller's simulation, so its reads and writes land
 * in the same read-write set under its own namespace. On another channel, as in Fabric, it runs in
 * a throwaway simulation of that channel: nothing it reads is recorded and anything it writes is
 * discarded (logged as a warning). The reply's payload is the callee's final message.
 */
final class InvokeRequests {

  private static final Logger log = LoggerFactory.getLogger(InvokeRequests.class);

  private record Target(String chaincodeName, String channelId) {}

  private final ChaincodeInvoker invoker;
  private final Ledgers ledgers;

  InvokeRequests(ChaincodeInvoker invoker, Ledgers ledgers) {
    this.invoker = invoker;
    this.ledgers = ledgers;
  }

  CompletableFuture<ByteString> invokeChaincode(
      ChaincodeMessage request, TransactionContext caller) {
    ChaincodeSpec spec = parse(ChaincodeSpec.parser(), request);
    Target target = target(spec.getChaincodeId().getName(), caller.channelId());
    if (target.chaincodeName().isEmpty()) {
      throw new ChaincodeException("INVOKE_CHAINCODE names no chaincode");
    }
    if (target.channelId().equals(caller.channelId())) {
      return invoker
          .invoke(caller.scope(), target.chaincodeName(), spec.getInput())
          .thenApply(ChaincodeMessage::toByteString);
    }
    Ledger ledger =
        ledgers
            .get(target.channelId())
            .orElseThrow(
                () ->
                    new ChaincodeException(
                        "failed to find ledger for channel: " + target.channelId()));
    TxSimulator throwaway = ledger.newTxSimulator(caller.txId());
    InvocationScope scope =
        new InvocationScope(
            target.channelId(), caller.txId(), caller.scope().signedProposal(), throwaway);
    return invoker
        .invoke(scope, target.chaincodeName(), spec.getInput())
        .whenComplete(
            (reply, failure) -> {
              if (throwaway.hasWrites()) {
                log.warn(
                    "[{}] chaincode {} on channel {} called {} on channel {}: the writes {} made"
                        + " there are discarded, as in Fabric (a call to another channel is"
                        + " read-only)",
                    shortTxId(caller.txId()),
                    caller.namespace(),
                    caller.channelId(),
                    target.chaincodeName(),
                    target.channelId(),
                    target.chaincodeName());
              }
              throwaway.close();
            })
        .thenApply(ChaincodeMessage::toByteString);
  }

  /** Splits {@code name[:version][/channel]}; no channel means the caller's. */
  private static Target target(String name, String callerChannel) {
    String channel = callerChannel;
    int slash = name.indexOf('/');
    if (slash >= 0) {
      channel = name.substring(slash + 1);
      name = name.substring(0, slash);
    }
    int colon = name.indexOf(':');
    if (colon >= 0) {
      name = name.substring(0, colon);
    }
    return new Target(name, channel.isEmpty() ? callerChannel : channel);
  }
}
