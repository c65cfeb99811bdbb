package dev.weft.peer.testing;

import dev.weft.peer.config.HostPort;
import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.config.Setting;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.msp.PeerOrgLayout;
import dev.weft.peer.node.WeftPeer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.EndorserGrpc;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * A whole Weft peer for tests ({@link WeftPeer#startNode}): identity and channel {@code mychannel}
 * generated in a test's data directory, both listeners and the operations endpoint on loopback
 * ports chosen by the system, and a gRPC client of its endorser.
 */
public final class TestNode implements AutoCloseable {

  public static final String CHANNEL = "mychannel";

  private final WeftPeer peer;
  private final Path dataDirectory;
  private final ManagedChannel client;

  private TestNode(WeftPeer peer, Path dataDirectory) {
    this.peer = peer;
    this.dataDirectory = dataDirectory;
    this.client =
        NettyChannelBuilder.forAddress(
                peer.peerAddress().getHostString(), peer.peerAddress().getPort())
            .usePlaintext()
            .build();
  }

  public static TestNode start(Path dataDirectory) {
    return start(dataDirectory, Map.of());
  }

  /** A peer whose settings are the defaults overridden by {@code settings}. */
  public static TestNode start(Path dataDirectory, Map<Setting, String> settings) {
    PeerConfig defaults = PeerConfig.from(settings);
    PeerConfig config =
        defaults
            .withChaincode(defaults.chaincode().withListenAddress(new HostPort("127.0.0.1", 0)))
            .withNode(
                defaults
                    .node()
                    .withListenAddress(new HostPort("127.0.0.1", 0))
                    .withDataDirectory(dataDirectory))
            .withOperations(defaults.operations().withListenAddress(new HostPort("127.0.0.1", 0)));
    return new TestNode(WeftPeer.startNode(config), dataDirectory);
  }

  public WeftPeer peer() {
    return peer;
  }

  /** The test's connection to the peer's client-facing listener. */
  public ManagedChannel connection() {
    return client;
  }

  /** The peer's organisation (Org1MSP, org1.example.com) in the data directory. */
  public TestOrg org() {
    return new TestOrg(
        new PeerOrgLayout(dataDirectory.resolve("crypto"), "org1.example.com"), "Org1MSP");
  }

  public Ledger ledger() {
    return peer.ledgers().get(CHANNEL).orElseThrow();
  }

  /** Sends a proposal to the endorser over gRPC. */
  /** Broadcasts one envelope to the peer's embedded orderer; completes with its answer. */
  public CompletableFuture<org.hyperledger.fabric.protos.orderer.BroadcastResponse> broadcast(
      org.hyperledger.fabric.protos.common.Envelope envelope) {
    CompletableFuture<org.hyperledger.fabric.protos.orderer.BroadcastResponse> result =
        new CompletableFuture<>();
    io.grpc.stub.StreamObserver<org.hyperledger.fabric.protos.common.Envelope> requests =
        org.hyperledger.fabric.protos.orderer.AtomicBroadcastGrpc.newStub(client)
            .broadcast(
                new io.grpc.stub.StreamObserver<>() {
                  @Override
                  public void onNext(
                      org.hyperledger.fabric.protos.orderer.BroadcastResponse value) {
                    result.complete(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    result.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(envelope);
    requests.onCompleted();
    return result;
  }

  /**
   * Broadcasts a transaction writing {@code key}, endorsed by this peer and signed by its org's
   * user, and waits until it is committed; returns its txid.
   */
  public String commitWrite(String key, String value) throws Exception {
    TransactionEnvelopes.Built tx =
        TransactionEnvelopes.build(
            new TransactionEnvelopes.Spec(
                org().user(),
                CHANNEL,
                "cc",
                "1.0",
                TransactionEnvelopes.write("cc", key, value),
                java.util.List.of(peer.identity())));
    var answer = broadcast(tx.envelope()).get(10, java.util.concurrent.TimeUnit.SECONDS);
    if (answer.getStatus() != org.hyperledger.fabric.protos.common.Status.SUCCESS) {
      throw new AssertionError("broadcast refused: " + answer);
    }
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
    while (!ledger().containsTransaction(tx.txId())) {
      if (java.time.Instant.now().isAfter(deadline)) {
        throw new AssertionError("transaction " + tx.txId() + " not committed within 10 s");
      }
      Thread.sleep(5);
    }
    return tx.txId();
  }

  public CompletableFuture<ProposalResponse> send(SignedProposal proposal) {
    CompletableFuture<ProposalResponse> result = new CompletableFuture<>();
    EndorserGrpc.newStub(client)
        .processProposal(
            proposal,
            new StreamObserver<>() {
              @Override
              public void onNext(ProposalResponse value) {
                result.complete(value);
              }

              @Override
              public void onError(Throwable t) {
                result.completeExceptionally(t);
              }

              @Override
              public void onCompleted() {}
            });
    return result;
  }

  @Override
  public void close() {
    client.shutdownNow();
    try {
      client.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    peer.close();
  }
}
