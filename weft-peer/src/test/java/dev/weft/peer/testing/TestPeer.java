package dev.weft.peer.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.weft.peer.chaincode.ChaincodeDefinitions;
import dev.weft.peer.chaincode.ChaincodeSupport;
import dev.weft.peer.chaincode.ExecutionRequest;
import dev.weft.peer.chaincode.ExecutionResult;
import dev.weft.peer.config.ChaincodeConfig;
import dev.weft.peer.config.HostPort;
import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.ledger.Height;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.ledger.ValidTransaction;
import dev.weft.peer.metrics.PrometheusText;
import dev.weft.peer.node.WeftPeer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;

/**
 * A real peer for tests: chaincode support on a loopback port chosen by the system, with in-memory
 * ledgers for {@link #CHANNEL} and {@link #OTHER_CHANNEL}, and helpers to execute chaincode and to
 * commit state.
 */
public final class TestPeer implements AutoCloseable {

  public static final String CHANNEL = "mychannel";
  public static final String OTHER_CHANNEL = "otherchannel";

  /** An execution started by a test, with the proposal it was made for. */
  public record Execution(
      Proposals.TestProposal proposal, CompletableFuture<ExecutionResult> result) {
    public String txId() {
      return proposal.txId();
    }
  }

  private final WeftPeer peer;

  private TestPeer(WeftPeer peer) {
    this.peer = peer;
  }

  public static TestPeer start() {
    return start(UnaryOperator.identity());
  }

  /** Starts a peer whose chaincode configuration is the default adjusted by {@code adjust}. */
  public static TestPeer start(UnaryOperator<ChaincodeConfig> adjust) {
    PeerConfig defaults = PeerConfig.defaults();
    ChaincodeConfig chaincode =
        adjust.apply(defaults.chaincode().withListenAddress(new HostPort("127.0.0.1", 0)));
    WeftPeer peer = WeftPeer.start(defaults.withChaincode(chaincode));
    peer.ledgers().add(Ledger.inMemory(CHANNEL, true));
    peer.ledgers().add(Ledger.inMemory(OTHER_CHANNEL, true));
    return new TestPeer(peer);
  }

  /**
   * Starts a peer with a whole configuration (its chaincode listener should be on port 0) that runs
   * chaincode by {@code definitions}, with in-memory ledgers for both channels.
   */
  public static TestPeer start(PeerConfig config, ChaincodeDefinitions definitions) {
    WeftPeer peer = WeftPeer.start(config, definitions);
    peer.ledgers().add(Ledger.inMemory(CHANNEL, true));
    peer.ledgers().add(Ledger.inMemory(OTHER_CHANNEL, true));
    return new TestPeer(peer);
  }

  public InetSocketAddress chaincodeAddress() {
    return peer.chaincodeAddress();
  }

  /** {@code host:port} of the chaincode listener, as CORE_PEER_ADDRESS wants it. */
  public String chaincodeAddressText() {
    return chaincodeAddress().getHostString() + ":" + chaincodeAddress().getPort();
  }

  public ChaincodeSupport chaincodeSupport() {
    return peer.chaincodeSupport();
  }

  /** The peer's metrics as {@code /metrics} would show them. */
  public String metricsText() {
    return PrometheusText.render(peer.metrics());
  }

  public Ledger ledger(String channelId) {
    return peer.ledgers().get(channelId).orElseThrow();
  }

  /** Starts executing {@code chaincode} with string arguments on {@link #CHANNEL}. */
  public Execution execute(String chaincode, String... args) {
    return execute(CHANNEL, chaincode, Proposals.input(args));
  }

  public Execution execute(String channelId, String chaincode, ChaincodeInput input) {
    Proposals.TestProposal proposal = Proposals.proposal(channelId, chaincode, input);
    return new Execution(
        proposal,
        chaincodeSupport()
            .execute(
                new ExecutionRequest(
                    channelId, proposal.txId(), proposal.signedProposal(), chaincode, input)));
  }

  /**
   * Commits transactions as the next block of a channel, as if they had been validated, and returns
   * the block number. Transaction ids are {@code tx-<block>-<index>}.
   */
  public long commit(String channelId, Instant timestamp, TxReadWriteSet... transactions) {
    Ledger ledger = ledger(channelId);
    long block = ledger.height().map(Height::blockNum).orElse(0L) + 1;
    List<ValidTransaction> valid = new ArrayList<>();
    for (int i = 0; i < transactions.length; i++) {
      valid.add(
          new ValidTransaction(
              i,
              "tx-" + block + "-" + i,
              Timestamp.newBuilder()
                  .setSeconds(timestamp.getEpochSecond())
                  .setNanos(timestamp.getNano())
                  .build(),
              transactions[i]));
    }
    LedgerBlocks.commit(ledger, block, valid);
    return block;
  }

  /** Commits one transaction that writes the given keys (empty value = delete). */
  public long seed(String channelId, String namespace, Map<String, String> values) {
    return commit(channelId, Instant.now(), writes(namespace, values));
  }

  /** A read-write set with only writes, in one namespace. */
  public static TxReadWriteSet writes(String namespace, Map<String, String> values) {
    KVRWSet.Builder kv = KVRWSet.newBuilder();
    values.forEach(
        (key, value) ->
            kv.addWrites(
                KVWrite.newBuilder()
                    .setKey(key)
                    .setIsDelete(value.isEmpty())
                    .setValue(ByteString.copyFrom(value, StandardCharsets.UTF_8))));
    return TxReadWriteSet.newBuilder()
        .setDataModel(TxReadWriteSet.DataModel.KV)
        .addNsRwset(
            NsReadWriteSet.newBuilder().setNamespace(namespace).setRwset(kv.build().toByteString()))
        .build();
  }

  /** Commits an execution's read-write set as the next block. */
  public long commit(String channelId, ExecutionResult result) {
    return commit(channelId, Instant.now(), result.readWriteSet());
  }

  /** The key-value read-write set of one namespace in a transaction's read-write set. */
  public static KVRWSet namespace(TxReadWriteSet rwSet, String namespace) {
    for (NsReadWriteSet ns : rwSet.getNsRwsetList()) {
      if (ns.getNamespace().equals(namespace)) {
        try {
          return KVRWSet.parseFrom(ns.getRwset());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError("no namespace " + namespace + " in " + rwSet);
  }

  /** Keys mapped to values, in order, for {@link #seed}. */
  public static Map<String, String> keys(String... keysAndValues) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Override
  public void close() {
    peer.close();
  }
}
