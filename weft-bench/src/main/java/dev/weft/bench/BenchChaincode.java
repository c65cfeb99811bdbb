package dev.weft.bench;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/**
 * The chaincode side of the throughput benchmark, run as a child process. It registers with the
 * peer and serves every transaction with one GET_STATE, one PUT_STATE and COMPLETED, each sent as
 * soon as the previous reply arrives; and it runs an echo server that answers the same messages
 * with replies of the sizes this chaincode sends. Arguments: peer port, value size in bytes.
 */
public final class BenchChaincode {

  private BenchChaincode() {}

  public static void main(String[] args) throws Exception {
    int peerPort = Integer.parseInt(args[0]);
    ByteString value = BenchMessages.value(Integer.parseInt(args[1]));
    CountDownLatch ready = new CountDownLatch(1);
    // Step of each transaction in flight: 1 after GET_STATE was sent, 2 after PUT_STATE.
    Map<String, Integer> steps = new ConcurrentHashMap<>();
    ChaincodeConnection[] peer = new ChaincodeConnection[1];
    peer[0] =
        new ChaincodeConnection(
            peerPort,
            message -> {
              switch (message.getType()) {
                case READY -> ready.countDown();
                case TRANSACTION -> {
                  steps.put(message.getTxid(), 1);
                  peer[0].send(BenchMessages.getState(message.getTxid()));
                }
                case RESPONSE -> {
                  if (steps.get(message.getTxid()) == 1) {
                    steps.put(message.getTxid(), 2);
                    peer[0].send(BenchMessages.putState(message.getTxid(), value));
                  } else {
                    steps.remove(message.getTxid());
                    peer[0].send(BenchMessages.completed(message.getTxid()));
                  }
                }
                default -> {}
              }
            });
    try (ChaincodeConnection connection = peer[0];
        EchoServer echo = new EchoServer(message -> echoReply(message, value))) {
      connection.register(BenchMessages.CHAINCODE_ID);
      if (!ready.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the peer did not answer REGISTER");
      }
      System.out.println("ECHO " + echo.port());
      System.out.println("READY");
      System.out.flush();
      ChildProcess.awaitParent();
    }
  }

  /** What this chaincode would send next, given what the peer sent. */
  private static ChaincodeMessage echoReply(ChaincodeMessage fromPeer, ByteString value) {
    String txId = fromPeer.getTxid();
    if (fromPeer.getType() == ChaincodeMessage.Type.TRANSACTION) {
      return BenchMessages.getState(txId);
    }
    return fromPeer.getPayload().isEmpty()
        ? BenchMessages.completed(txId)
        : BenchMessages.putState(txId, value);
  }
}
