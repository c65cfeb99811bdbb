package dev.weft.peer.node;

import dev.weft.peer.config.ChaincodeConfig;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * The gRPC server chaincode connects to. Separate from the peer's client-facing server, as in
 * Fabric. It pings idle connections so that proxies keep them open, accepts the pings Fabric's
 * shims send, and applies the configured message size limit. With TLS it requires a client
 * certificate from the given CA of every connection, as Fabric's chaincode server does.
 */
public final class ChaincodeListener implements AutoCloseable {

  /**
   * The listener's TLS: its server identity and the CA whose client certificates it accepts.
   *
   * @param certificateChain PEM certificate chain of the server
   * @param privateKey PEM private key of the server (PKCS#8)
   * @param clientCaPem PEM of the only CA whose client certificates are accepted
   */
  record Tls(Path certificateChain, Path privateKey, String clientCaPem) {}

  private final Server server;
  private final ExecutorService executor;
  private final InetSocketAddress address;

  private ChaincodeListener(Server server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
    this.address = (InetSocketAddress) server.getListenSockets().get(0);
  }

  /** Starts listening in plaintext on {@code config.listenAddress()} (port 0: any free port). */
  public static ChaincodeListener start(ChaincodeConfig config, ServerServiceDefinition service) {
    return start(config, service, null);
  }

  /**
   * Starts listening on {@code config.listenAddress()} (port 0: any free port).
   *
   * @param tls the server identity and client CA, or null for plaintext
   */
  static ChaincodeListener start(ChaincodeConfig config, ServerServiceDefinition service, Tls tls) {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "weft-chaincode-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(config.listenAddress().host(), config.listenAddress().port()))
            .addService(service)
            .executor(executor)
            .maxInboundMessageSize(config.maxRecvMessageSize())
            .keepAliveTime(config.pingInterval().toNanos(), TimeUnit.NANOSECONDS)
            .keepAliveTimeout(config.pingTimeout().toNanos(), TimeUnit.NANOSECONDS)
            .permitKeepAliveTime(config.minClientPingInterval().toNanos(), TimeUnit.NANOSECONDS)
            .permitKeepAliveWithoutCalls(true);
    if (tls != null) {
      try {
        builder.sslContext(
            GrpcSslContexts.forServer(tls.certificateChain().toFile(), tls.privateKey().toFile())
                .trustManager(
                    new ByteArrayInputStream(tls.clientCaPem().getBytes(StandardCharsets.US_ASCII)))
                .clientAuth(ClientAuth.REQUIRE)
                .build());
      } catch (SSLException | IllegalArgumentException e) {
        executor.shutdown();
        throw new IllegalStateException(
            "cannot use the TLS certificate "
                + tls.certificateChain()
                + " and key "
                + tls.privateKey()
                + " for the chaincode listener: "
                + e.getMessage(),
            e);
      }
    }
    Server server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      executor.shutdown();
      throw new UncheckedIOException(
          "cannot listen for chaincode on " + config.listenAddress() + ": " + e.getMessage(), e);
    }
    return new ChaincodeListener(server, executor);
  }

  /** The address the listener is bound to, with the actual port. */
  public InetSocketAddress address() {
    return address;
  }

  /** The {@code chaincode} health check: empty while the listener serves. */
  public Optional<String> problem() {
    return server.isShutdown()
        ? Optional.of(
            "the chaincode support listener on "
                + address.getHostString()
                + ":"
                + address.getPort()
                + " is not serving")
        : Optional.empty();
  }

  /** Stops accepting, ends every chaincode stream, and waits briefly for them to finish. */
  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
  }
}
