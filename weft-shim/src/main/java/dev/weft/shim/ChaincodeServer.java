package dev.weft.shim;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chaincode as server (chaincode as a service): serves {@code protos.Chaincode/Connect}; each peer
 * that connects gets its own stream, on which the chaincode registers as in client mode.
 */
final class ChaincodeServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChaincodeServer.class);

  private final Server server;
  private final Set<ChaincodeHandler> handlers = ConcurrentHashMap.newKeySet();

  private ChaincodeServer(ShimSettings settings, Chaincode chaincode, Executor executor) {
    HostPort address = HostPort.parse(settings.serverAddress(), "CHAINCODE_SERVER_ADDRESS");
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(ChaincodeGrpc.SERVICE_NAME)
            .addMethod(
                ChaincodeGrpc.getConnectMethod(),
                ServerCalls.asyncBidiStreamingCall(
                    responses -> {
                      ChaincodeHandler handler =
                          new ChaincodeHandler(
                              settings.chaincodeId(), chaincode, executor, settings.localMspId());
                      handlers.add(handler);
                      handler.terminated().whenComplete((ok, failure) -> handlers.remove(handler));
                      log.info("a peer connected; registering as {}", settings.chaincodeId());
                      handler.start(responses);
                      return handler;
                    }))
            .build();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(address.host(), address.port()))
            .addService(service)
            .maxInboundMessageSize(PeerClient.MAX_MESSAGE_SIZE)
            .permitKeepAliveTime(1, TimeUnit.MINUTES)
            .permitKeepAliveWithoutCalls(true);
    TlsMaterial tls = settings.tls();
    if (tls != null) {
      try {
        SslContextBuilder ssl =
            GrpcSslContexts.forServer(tls.certificatePem().newInput(), tls.keyPem().newInput());
        if (tls.hasTrustedCertificates()) {
          ssl.trustManager(tls.trustedPem().newInput()).clientAuth(ClientAuth.REQUIRE);
        }
        builder.sslContext(ssl.build());
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "the chaincode server's TLS material is unusable: " + e, e);
      }
    }
    server = builder.build();
  }

  static ChaincodeServer start(ShimSettings settings, Chaincode chaincode, Executor executor) {
    ChaincodeServer chaincodeServer = new ChaincodeServer(settings, chaincode, executor);
    try {
      chaincodeServer.server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + settings.serverAddress() + ": " + e.getMessage(), e);
    }
    log.info(
        "chaincode {} listening for peers on {}{}",
        settings.chaincodeId(),
        chaincodeServer.address(),
        settings.tls() == null
            ? ""
            : settings.tls().hasTrustedCertificates() ? " (mutual TLS)" : " (TLS)");
    return chaincodeServer;
  }

  /** The address the server is bound to, with the actual port. */
  InetSocketAddress address() {
    return (InetSocketAddress) server.getListenSockets().get(0);
  }

  /** Blocks until the server stops. */
  void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    handlers.forEach(ChaincodeHandler::close);
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
