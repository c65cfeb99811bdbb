package dev.weft.peer.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.weft.peer.chaincode.ExecutionResult;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.QueryResponse;

/**
 * One transaction seen from a scripted chaincode: the peer's TRANSACTION, the requests the test
 * makes in it, and its end.
 */
public final class ScriptedTransaction {

  private final ScriptedChaincode chaincode;
  private final TestPeer.Execution execution;
  private final ChaincodeMessage transaction;

  private ScriptedTransaction(
      ScriptedChaincode chaincode, TestPeer.Execution execution, ChaincodeMessage transaction) {
    this.chaincode = chaincode;
    this.execution = execution;
    this.transaction = transaction;
  }

  /** Has the peer execute {@code chaincodeName} and waits for the TRANSACTION it sends. */
  public static ScriptedTransaction start(
      TestPeer peer, ScriptedChaincode chaincode, String chaincodeName, String... args) {
    TestPeer.Execution execution = peer.execute(chaincodeName, args);
    return new ScriptedTransaction(
        chaincode, execution, chaincode.expect(ChaincodeMessage.Type.TRANSACTION));
  }

  public ChaincodeMessage transaction() {
    return transaction;
  }

  public TestPeer.Execution execution() {
    return execution;
  }

  public String txId() {
    return transaction.getTxid();
  }

  /** Sends a request of this transaction and returns the peer's reply. */
  public ChaincodeMessage call(ChaincodeMessage.Type type, MessageLite payload) {
    return chaincode.call(type, transaction.getChannelId(), transaction.getTxid(), payload);
  }

  /** Sends a request that must succeed and returns the RESPONSE payload. */
  public ByteString ok(ChaincodeMessage.Type type, MessageLite payload) {
    ChaincodeMessage reply = call(type, payload);
    if (reply.getType() != ChaincodeMessage.Type.RESPONSE) {
      throw new AssertionError(
          type + " was answered " + reply.getType() + ": " + reply.getPayload().toStringUtf8());
    }
    if (!reply.getTxid().equals(txId())
        || !reply.getChannelId().equals(transaction.getChannelId())) {
      throw new AssertionError("the reply does not echo the transaction: " + reply);
    }
    return reply.getPayload();
  }

  /** Sends a query request that must succeed and returns its QueryResponse. */
  public QueryResponse query(ChaincodeMessage.Type type, MessageLite payload) {
    try {
      return QueryResponse.parseFrom(ok(type, payload));
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  /** Sends a request that must fail and returns the ERROR text. */
  public String error(ChaincodeMessage.Type type, MessageLite payload) {
    ChaincodeMessage reply = call(type, payload);
    if (reply.getType() != ChaincodeMessage.Type.ERROR) {
      throw new AssertionError(type + " was answered " + reply.getType() + " instead of ERROR");
    }
    return reply.getPayload().toStringUtf8();
  }

  /** Completes with status 200 and waits for the execution's result. */
  public ExecutionResult complete() {
    chaincode.complete(transaction, ByteString.EMPTY);
    return result();
  }

  public ExecutionResult result() {
    try {
      return execution.result().get(ScriptedChaincode.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("the execution did not succeed", e);
    }
  }
}
