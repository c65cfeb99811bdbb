package dev.weft.peer.node;

import dev.weft.peer.config.HostPort;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The peer's client-facing gRPC server (protos.Endorser, gateway.Gateway, protos.Deliver and the
 * embedded orderer's AtomicBroadcast), separate from the chaincode listener as in Fabric. Accepts
 * messages up to 100 MiB, Fabric's default.
 */
final class ClientListener implements AutoCloseable {

  /**
   * A TLS server identity.
   *
   * @param certificateChain PEM certificate chain
   * @param privateKey PEM private key (PKCS#8)
   */
  record ServerTls(java.nio.file.Path certificateChain, java.nio.file.Path privateKey) {}

  private static final int MAX_MESSAGE_SIZE = 100 * 1024 * 1024;

  private final Server server;
  private final ExecutorService executor;

  private ClientListener(Server server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts listening on {@code address}.
   *
   * @param tls the server's certificate chain and private key (PEM files), or null for plaintext
   */
  static ClientListener start(
      HostPort address, ServerTls tls, ServerServiceDefinition... services) {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "weft-peer-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(address.host(), address.port()))
            .executor(executor)
            .maxInboundMessageSize(MAX_MESSAGE_SIZE);
    if (tls != null) {
      try {
        builder.sslContext(
            GrpcSslContexts.forServer(tls.certificateChain().toFile(), tls.privateKey().toFile())
                .build());
      } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
        executor.shutdown();
        throw new IllegalStateException(
            "cannot use the TLS certificate "
                + tls.certificateChain()
                + " and key "
                + tls.privateKey()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    for (ServerServiceDefinition service : services) {
      builder.addService(service);
    }
    Server server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      executor.shutdown();
      throw new UncheckedIOException(
          "cannot listen for clients on " + address + ": " + e.getMessage(), e);
    }
    return new ClientListener(server, executor);
  }

  InetSocketAddress address() {
    return (InetSocketAddress) server.getListenSockets().get(0);
  }

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
