package dev.weft.peer.node;

import dev.weft.peer.chaincode.ChaincodeAccessControl;
import dev.weft.peer.chaincode.ChaincodeCredentials;
import dev.weft.peer.chaincode.ChaincodeDefinitions;
import dev.weft.peer.chaincode.ChaincodeSupport;
import dev.weft.peer.chaincode.LaunchSettings;
import dev.weft.peer.chaincode.SystemChaincode;
import dev.weft.peer.channel.Channel;
import dev.weft.peer.channel.Channels;
import dev.weft.peer.commit.BlockCommitter;
import dev.weft.peer.config.OrderingConfig;
import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.deliver.BlockDelivery;
import dev.weft.peer.deliver.DeliverService;
import dev.weft.peer.endorser.Endorser;
import dev.weft.peer.gateway.Gateway;
import dev.weft.peer.ledger.BlockStore;
import dev.weft.peer.ledger.Ledger;
import dev.weft.peer.ledger.Ledgers;
import dev.weft.peer.lifecycle.DefinedChaincodes;
import dev.weft.peer.lifecycle.LifecycleChaincode;
import dev.weft.peer.lifecycle.PackageBuildDirectories;
import dev.weft.peer.metrics.MetricsRegistry;
import dev.weft.peer.msp.Msps;
import dev.weft.peer.msp.PeerOrgLayout;
import dev.weft.peer.msp.SigningIdentity;
import dev.weft.peer.operations.HealthCheck;
import dev.weft.peer.operations.OperationsServer;
import dev.weft.peer.operations.VersionInfo;
import dev.weft.peer.ordering.BlockSigner;
import dev.weft.peer.ordering.BroadcastService;
import dev.weft.peer.ordering.ChannelOrderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running peer, built from one configuration. {@link #startNode} starts the whole peer: its
 * identity and channels from its data directory (created on first start), ledgers, chaincode
 * support, the endorser, the gateway, both listeners and the operations endpoint. {@link #start}
 * starts only ledgers and chaincode support, for tests and benchmarks of the chaincode protocol.
 * Either way the peer has one {@link MetricsRegistry}, which its components record into.
 */
public final class WeftPeer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WeftPeer.class);

  /** The parts of a whole peer beyond chaincode support. */
  private record Node(
      PeerData data,
      Channels channels,
      Endorser endorser,
      Map<String, ChannelOrderer> orderers,
      ClientListener clientListener,
      OperationsServer operations) {}

  private final MetricsRegistry metrics;
  private final Ledgers ledgers;
  private final ChaincodeSupport chaincodeSupport;
  private final ChaincodeCredentials chaincodeCredentials;
  private final ChaincodeListener chaincodeListener;
  private final Node node; // null for a chaincode-support-only peer
  private final CountDownLatch stopped = new CountDownLatch(1);

  private WeftPeer(
      MetricsRegistry metrics,
      Ledgers ledgers,
      ChaincodeSupport chaincodeSupport,
      ChaincodeCredentials chaincodeCredentials,
      ChaincodeListener chaincodeListener,
      Node node) {
    this.metrics = metrics;
    this.ledgers = ledgers;
    this.chaincodeSupport = chaincodeSupport;
    this.chaincodeCredentials = chaincodeCredentials;
    this.chaincodeListener = chaincodeListener;
    this.node = node;
  }

  /**
   * Starts ledgers and chaincode support only: no identity, no channels, no endorser. Tests and
   * benchmarks of the chaincode protocol add the ledgers they need. Having no TLS certificate, such
   * a peer's chaincode listener is plaintext whatever {@code peer.tls.enabled} says.
   */
  public static WeftPeer start(PeerConfig config) {
    return start(config, ChaincodeDefinitions.NONE);
  }

  /**
   * Starts ledgers and chaincode support only, running chaincode by {@code definitions}: a
   * definition that names a package installed in the data directory ({@code lifecycle/chaincodes})
   * has it built in {@code lifecycle/builds} and launched on first use.
   */
  public static WeftPeer start(PeerConfig config, ChaincodeDefinitions definitions) {
    return start(config, definitions, List.of(), null);
  }

  /**
   * @param systemChaincodes the chaincodes that run inside the peer
   * @param tlsLayout the crypto material whose peer TLS certificate the chaincode listener serves
   *     with, or null for a plaintext listener
   */
  private static WeftPeer start(
      PeerConfig config,
      ChaincodeDefinitions definitions,
      List<SystemChaincode> systemChaincodes,
      PeerOrgLayout tlsLayout) {
    ChaincodeAccessControl access =
        tlsLayout == null
            ? null
            : ChaincodeAccessControl.create(
                readPem(tlsCaCertificate(tlsLayout)), Clock.systemUTC());
    // Before chaincode support, so that the launcher can issue launched chaincode credentials.
    ChaincodeCredentials credentials = access == null ? ChaincodeCredentials.NONE : access;
    MetricsRegistry metrics = new MetricsRegistry();
    Ledgers ledgers = new Ledgers();
    // Launched chaincode dials the listener, which is bound after chaincode support is made.
    AtomicReference<InetSocketAddress> listenerAddress = new AtomicReference<>();
    ChaincodeSupport chaincodeSupport =
        new ChaincodeSupport(
            config.chaincode(),
            ledgers,
            metrics,
            definitions,
            systemChaincodes,
            launchSettings(
                config, credentials, () -> chaincodeAddressForChaincode(listenerAddress.get())));
    ChaincodeListener listener;
    try {
      if (access == null) {
        listener = ChaincodeListener.start(config.chaincode(), chaincodeSupport.service());
      } else {
        ClientListener.ServerTls server = serverTls(tlsLayout);
        listener =
            ChaincodeListener.start(
                config.chaincode(),
                access.guard(chaincodeSupport.service()),
                new ChaincodeListener.Tls(
                    server.certificateChain(),
                    server.privateKey(),
                    access.clientCaCertificatePem()));
      }
    } catch (RuntimeException e) {
      chaincodeSupport.close();
      ledgers.close();
      throw e;
    }
    listenerAddress.set(listener.address());
    return new WeftPeer(metrics, ledgers, chaincodeSupport, credentials, listener, null);
  }

  private static LaunchSettings launchSettings(
      PeerConfig config,
      ChaincodeCredentials credentials,
      java.util.function.Supplier<String> chaincodeAddress) {
    Path lifecycle = config.node().dataDirectory().resolve("lifecycle");
    return new LaunchSettings(
        config.launch(),
        new PackageBuildDirectories(
            ChaincodeCommand.installed(config.node().dataDirectory()), lifecycle.resolve("builds")),
        credentials,
        config.node().mspId(),
        chaincodeAddress);
  }

  /**
   * {@code host:port} for CORE_PEER_ADDRESS: launched chaincode runs on this machine, so a listener
   * bound to every interface is reached on the loopback address.
   */
  private static String chaincodeAddressForChaincode(InetSocketAddress address) {
    if (address == null) {
      throw new IllegalStateException("the chaincode listener is not started yet");
    }
    String host =
        address.getAddress() != null && address.getAddress().isAnyLocalAddress()
            ? "127.0.0.1"
            : address.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /**
   * Starts the whole peer: reads (on first start: generates) its crypto material and channels in
   * the data directory, opens each channel's ledger there (one RocksDB database per channel), and
   * starts chaincode support, the endorser, the gateway, the client-facing listener and the
   * operations endpoint.
   */
  public static WeftPeer startNode(PeerConfig config) {
    Ledger.preloadRocksDb();
    Clock clock = Clock.systemUTC();
    PeerData data = PeerData.prepare(config.node(), clock);
    Channels channels = new Channels();
    // Chaincode definitions are ledger state: the lifecycle reads them through each transaction.
    // Install builds each package with chaincode support, which runs the lifecycle and so is made
    // after it; no install can arrive before the client listener starts, long after.
    AtomicReference<ChaincodeSupport> builds = new AtomicReference<>();
    LifecycleChaincode lifecycle =
        new LifecycleChaincode(
            channels,
            data.localMsp(),
            ChaincodeCommand.installed(config.node().dataDirectory()),
            packageId ->
                Objects.requireNonNull(builds.get(), "chaincode support is not started yet")
                    .build(packageId));
    WeftPeer core =
        start(
            config,
            new DefinedChaincodes(data.localMsp().id()),
            List.of(lifecycle),
            config.node().tlsEnabled() ? data.layout() : null);
    builds.set(core.chaincodeSupport);
    Map<String, ChannelOrderer> orderers = new HashMap<>();
    Map<String, BlockStore> blocksByChannel = new HashMap<>();
    try {
      OrderingConfig ordering = config.ordering();
      LifecycleValidationInfo definitions = new LifecycleValidationInfo();
      BlockSigner signer = new BlockSigner(data.signingIdentity(), new SecureRandom());
      for (Channel channel : data.channels()) {
        channels.add(channel);
        Path ledgerDirectory =
            config.node().dataDirectory().resolve("ledgers").resolve(channel.id());
        Ledger ledger =
            Ledger.rocksDb(channel.id(), ledgerDirectory, config.ledger().historyEnabled());
        core.ledgers.add(ledger);
        blocksByChannel.put(channel.id(), ledger.blocks());
        BlockCommitter committer =
            new BlockCommitter(
                channel, ledger, ordering.endorsementPolicy(), definitions, core.metrics);
        committer.commitGenesis(data.configBlocks().get(channel.id()));
        BlockHeader last = ledger.blocks().lastBlock().orElseThrow().getHeader();
        orderers.put(
            channel.id(),
            new ChannelOrderer(
                channel.id(),
                last,
                new ChannelOrderer.Settings(
                    ordering.maxMessageCount(),
                    ordering.preferredMaxBytes(),
                    ordering.batchTimeout()),
                // The genesis block stays the last config block: Broadcast refuses config updates.
                block -> committer.commit(signer.sign(block, 0))));
      }
      Endorser endorser =
          new Endorser(
              channels,
              core.ledgers,
              core.chaincodeSupport,
              data.signingIdentity(),
              new Msps(List.of(data.localMsp())),
              clock,
              config.node().authenticationTimeWindow(),
              core.metrics);
      // One block delivery for the peer's Deliver and the orderer's, as in Fabric.
      BlockDelivery delivery =
          new BlockDelivery(id -> channels.get(id).orElse(null), blocksByChannel, clock);
      BroadcastService broadcast =
          new BroadcastService(
              id -> channels.get(id).orElse(null),
              orderers,
              ordering.absoluteMaxBytes(),
              clock,
              delivery);
      DeliverService deliver = new DeliverService(delivery);
      InetSocketAddress chaincodeAddress = core.chaincodeAddress();
      Gateway gateway =
          new Gateway(
              endorser,
              core.chaincodeSupport,
              channels,
              core.ledgers,
              broadcast,
              new Gateway.Settings(
                  data.signingIdentity().mspId(),
                  ordering.endorsementPolicy(),
                  chaincodeAddress.getHostString() + ":" + chaincodeAddress.getPort()));
      ClientListener clientListener =
          ClientListener.start(
              config.node().listenAddress(),
              config.node().tlsEnabled() ? serverTls(data.layout()) : null,
              endorser.service(),
              gateway.service(),
              broadcast.bindService(),
              deliver.bindService());
      OperationsServer operations;
      try {
        operations =
            OperationsServer.start(
                config.operations(),
                core.metrics,
                Map.<String, HealthCheck>of(
                    "ledger",
                    new LedgerHealth(channels, core.ledgers),
                    "chaincode",
                    core.chaincodeListener::problem),
                VersionInfo.ofThisBuild(),
                () -> core.chaincodeSupport.registeredChaincodes(),
                core.chaincodeSupport::launch,
                clock);
      } catch (RuntimeException e) {
        clientListener.close();
        throw e;
      }
      return new WeftPeer(
          core.metrics,
          core.ledgers,
          core.chaincodeSupport,
          core.chaincodeCredentials,
          core.chaincodeListener,
          new Node(data, channels, endorser, Map.copyOf(orderers), clientListener, operations));
    } catch (RuntimeException e) {
      orderers.values().forEach(ChannelOrderer::close);
      core.close();
      throw e;
    }
  }

  public Ledgers ledgers() {
    return ledgers;
  }

  /** The metrics the peer's components record. */
  public MetricsRegistry metrics() {
    return metrics;
  }

  public ChaincodeSupport chaincodeSupport() {
    return chaincodeSupport;
  }

  /**
   * Credentials for the chaincode this peer launches, which its chaincode listener requires when it
   * speaks TLS (a whole peer with {@code peer.tls.enabled}); {@link ChaincodeCredentials#NONE}
   * otherwise.
   */
  public ChaincodeCredentials chaincodeCredentials() {
    return chaincodeCredentials;
  }

  /** Where chaincode connects. */
  public InetSocketAddress chaincodeAddress() {
    return chaincodeListener.address();
  }

  /** Where clients connect (protos.Endorser); only for a peer started with {@link #startNode}. */
  public InetSocketAddress peerAddress() {
    return node().clientListener().address();
  }

  /**
   * Where the operations endpoint serves /healthz, /metrics and /version; only for a peer started
   * with {@link #startNode}.
   */
  public InetSocketAddress operationsAddress() {
    return node().operations().address();
  }

  /** The peer's signing identity; only for a peer started with {@link #startNode}. */
  public SigningIdentity identity() {
    return node().data().signingIdentity();
  }

  /** The joined channels; only for a peer started with {@link #startNode}. */
  public Channels channels() {
    return node().channels();
  }

  private static ClientListener.ServerTls serverTls(PeerOrgLayout layout) {
    Path tls = layout.peerTlsDirectory(0);
    return new ClientListener.ServerTls(tls.resolve("server.crt"), tls.resolve("server.key"));
  }

  /**
   * The TLS CA certificate that clients of a TLS peer endpoint, and chaincode of a TLS chaincode
   * listener, trust; see {@link #startNode}.
   */
  Path tlsCaCertificate() {
    return tlsCaCertificate(node().data().layout());
  }

  private static Path tlsCaCertificate(PeerOrgLayout layout) {
    return layout.peerTlsDirectory(0).resolve("ca.crt");
  }

  private static String readPem(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the peer's TLS CA certificate " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The client user's MSP directory ({@code User1}); only for a peer started with {@link
   * #startNode}.
   */
  Path clientMspDirectory() {
    PeerOrgLayout layout = node().data().layout();
    return layout.userMspDirectory(layout.userName(1));
  }

  public Endorser endorser() {
    return node().endorser();
  }

  private Node node() {
    if (node == null) {
      throw new IllegalStateException("this peer runs chaincode support only (see startNode)");
    }
    return node;
  }

  /** Blocks until {@link #close} has run. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /**
   * Stops the operations endpoint and the listeners, disconnects chaincode, and releases the
   * ledgers.
   */
  @Override
  public void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    if (node != null) {
      node.operations().close();
      node.clientListener().close();
      node.orderers().values().forEach(ChannelOrderer::close);
    }
    chaincodeListener.close();
    chaincodeSupport.close();
    ledgers.close();
    stopped.countDown();
    log.info("peer stopped");
  }
}
