package dev.weft.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.weft.peer.chaincode.ExecutionRequest;
import dev.weft.peer.config.HostPort;
import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.ledger.ValidTransaction;
import dev.weft.peer.node.WeftPeer;
import dev.weft.peer.testing.LedgerBlocks;
import java.time.Duration;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;

/**
 * The peer side of the round-trip benchmark, run as a child process: a Weft peer with {@link
 * BenchMessages#KEY} committed, which starts one long transaction for the chaincode once it
 * registers, and an echo server that answers GET_STATE with a RESPONSE of the same size as the
 * peer's. Arguments: value size in bytes.
 */
public final class BenchPeer {

  private BenchPeer() {}

  public static void main(String[] args) throws Exception {
    ByteString value = BenchMessages.value(Integer.parseInt(args[0]));
    PeerConfig defaults = PeerConfig.defaults();
    PeerConfig config =
        defaults.withChaincode(
            defaults
                .chaincode()
                .withListenAddress(new HostPort("127.0.0.1", 0))
                .withExecuteTimeout(Duration.ofHours(1)));
    try (WeftPeer peer = WeftPeer.start(config);
        EchoServer echo = new EchoServer(m -> BenchMessages.response(m.getTxid(), value))) {
      Ledger ledger = peer.ledgers().add(Ledger.inMemory(BenchMessages.CHANNEL, true));
      LedgerBlocks.commit(
          ledger,
          1,
          List.of(new ValidTransaction(0, "seed", Timestamp.getDefaultInstance(), seed(value))));
      System.out.println("PEER " + peer.chaincodeAddress().getPort());
      System.out.println("ECHO " + echo.port());
      System.out.println("READY");
      System.out.flush();
      for (int i = 0;
          i < 6000
              && !peer.chaincodeSupport()
                  .registeredChaincodes()
                  .contains(BenchMessages.CHAINCODE_ID);
          i++) {
        Thread.sleep(10);
      }
      peer.chaincodeSupport()
          .execute(
              new ExecutionRequest(
                  BenchMessages.CHANNEL,
                  "long-transaction",
                  BenchMessages.proposal(),
                  BenchMessages.CHAINCODE,
                  BenchMessages.input()));
      ChildProcess.awaitParent();
    }
  }

  static TxReadWriteSet seed(ByteString value) {
    KVRWSet writes =
        KVRWSet.newBuilder()
            .addWrites(KVWrite.newBuilder().setKey(BenchMessages.KEY).setValue(value))
            .build();
    return TxReadWriteSet.newBuilder()
        .addNsRwset(
            NsReadWriteSet.newBuilder()
                .setNamespace(BenchMessages.CHAINCODE)
                .setRwset(writes.toByteString()))
        .build();
  }
}
