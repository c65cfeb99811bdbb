package dev.weft.peer.node;

import dev.weft.peer.chaincode.ChaincodeSupport;
import dev.weft.peer.config.PeerConfig;
import dev.weft.peer.ledger.Ledgers;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running peer: its ledgers, chaincode support and listeners, built from one configuration.
 * {@link #main} starts one with the defaults and {@code WEFT_*} overrides and runs it until the
 * process is stopped.
 */
public final class WeftPeer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WeftPeer.class);

  private final Ledgers ledgers;
  private final ChaincodeSupport chaincodeSupport;
  private final ChaincodeListener chaincodeListener;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private WeftPeer(
      Ledgers ledgers, ChaincodeSupport chaincodeSupport, ChaincodeListener chaincodeListener) {
    this.ledgers = ledgers;
    this.chaincodeSupport = chaincodeSupport;
    this.chaincodeListener = chaincodeListener;
  }

  /** Builds the components and starts listening. */
  public static WeftPeer start(PeerConfig config) {
    Ledgers ledgers = new Ledgers();
    ChaincodeSupport chaincodeSupport = new ChaincodeSupport(config.chaincode(), ledgers);
    ChaincodeListener listener;
    try {
      listener = ChaincodeListener.start(config.chaincode(), chaincodeSupport.service());
    } catch (RuntimeException e) {
      chaincodeSupport.close();
      ledgers.close();
      throw e;
    }
    return new WeftPeer(ledgers, chaincodeSupport, listener);
  }

  public Ledgers ledgers() {
    return ledgers;
  }

  public ChaincodeSupport chaincodeSupport() {
    return chaincodeSupport;
  }

  /** Where chaincode connects. */
  public InetSocketAddress chaincodeAddress() {
    return chaincodeListener.address();
  }

  /** Blocks until {@link #close} has run. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Stops listening, disconnects chaincode, and releases the ledgers. */
  @Override
  public void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    chaincodeListener.close();
    chaincodeSupport.close();
    ledgers.close();
    stopped.countDown();
    log.info("peer stopped");
  }

  /** Starts a peer from the defaults and the {@code WEFT_*} environment, until stopped. */
  public static void main(String[] args) throws InterruptedException {
    PeerConfig config;
    try {
      config = PeerConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("weft: " + e.getMessage());
      System.exit(2);
      return;
    }
    WeftPeer peer;
    try {
      peer = start(config);
    } catch (RuntimeException e) {
      System.err.println("weft: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(peer::close, "weft-shutdown"));
    InetSocketAddress address = peer.chaincodeAddress();
    System.out.println(
        "Weft peer started. Chaincode support listening on "
            + address.getHostString()
            + ":"
            + address.getPort()
            + " (connect chaincode with CORE_PEER_ADDRESS="
            + address.getHostString()
            + ":"
            + address.getPort()
            + " CORE_CHAINCODE_ID_NAME=<name>:<version>). Stop with Ctrl-C.");
    peer.awaitStop();
  }
}
