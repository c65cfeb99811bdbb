package dev.weft.peer.testing;

import com.google.protobuf.Message;
import dev.weft.peer.ledger.BlockStore;
import dev.weft.peer.lifecycle.LifecycleProposal;
import dev.weft.peer.msp.SigningIdentity;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Calls a test node's {@code _lifecycle} functions as Fabric's {@code peer lifecycle chaincode}
 * commands do: a proposal to the endorser, and for the functions that change the ledger, a
 * transaction assembled from the endorsement, broadcast and awaited until committed.
 */
public final class LifecycleCalls {

  private final TestNode node;

  public LifecycleCalls(TestNode node) {
    this.node = node;
  }

  /** Sends a proposal of {@code function} and returns the endorser's response. */
  public ProposalResponse call(
      SigningIdentity caller, String channelId, String function, Message args) throws Exception {
    return node.send(LifecycleProposal.create(caller, channelId, function, args).signed())
        .get(10, TimeUnit.SECONDS);
  }

  /**
   * Endorses {@code function} on the test channel, submits the transaction and returns its
   * validation code once committed; fails if the endorsement fails.
   */
  public TxValidationCode submit(SigningIdentity caller, String function, Message args)
      throws Exception {
    LifecycleProposal proposal = LifecycleProposal.create(caller, TestNode.CHANNEL, function, args);
    ProposalResponse response = node.send(proposal.signed()).get(10, TimeUnit.SECONDS);
    if (response.getResponse().getStatus() != 200) {
      throw new AssertionError(function + " was not endorsed: " + response.getResponse());
    }
    return submit(
        TransactionEnvelopes.fromEndorsements(proposal.proposal(), List.of(response), caller),
        proposal.txId());
  }

  /** Broadcasts an envelope and returns its validation code once committed. */
  public TxValidationCode submit(Envelope transaction, String txId) throws Exception {
    var answer = node.broadcast(transaction).get(10, TimeUnit.SECONDS);
    if (answer.getStatus() != Status.SUCCESS) {
      throw new AssertionError("broadcast refused: " + answer);
    }
    BlockStore blocks = node.ledger().blocks();
    Instant deadline = Instant.now().plusSeconds(10);
    while (blocks.transaction(txId).isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("transaction " + txId + " not committed within 10 s");
      }
      Thread.sleep(5);
    }
    return blocks.transaction(txId).orElseThrow().validationCode();
  }
}
