package dev.weft.shim;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;

/**
 * Chaincode as client: dials the peer's chaincode support service and registers on one {@code
 * ChaincodeSupport/Register} stream. Pings the peer over HTTP/2 like Fabric's shims (every minute,
 * also while idle) so that proxies keep the stream open.
 */
final class PeerClient implements AutoCloseable {

  /** Fabric's shims accept messages up to 100 MiB; large values and query pages need it. */
  static final int MAX_MESSAGE_SIZE = 100 * 1024 * 1024;

  private final ManagedChannel channel;
  private final ChaincodeHandler handler;

  private PeerClient(ManagedChannel channel, ChaincodeHandler handler) {
    this.channel = channel;
    this.handler = handler;
  }

  static PeerClient connect(ShimSettings settings, Chaincode chaincode, Executor executor) {
    HostPort peer = HostPort.parse(settings.peerAddress(), "the peer address");
    NettyChannelBuilder builder =
        NettyChannelBuilder.forAddress(peer.host(), peer.port())
            .maxInboundMessageSize(MAX_MESSAGE_SIZE)
            .keepAliveTime(1, TimeUnit.MINUTES)
            .keepAliveTimeout(20, TimeUnit.SECONDS)
            .keepAliveWithoutCalls(true);
    TlsMaterial tls = settings.tls();
    if (tls == null) {
      builder.usePlaintext();
    } else {
      try {
        builder
            .negotiationType(NegotiationType.TLS)
            .sslContext(
                GrpcSslContexts.forClient()
                    .trustManager(tls.trustedPem().newInput())
                    .keyManager(tls.certificatePem().newInput(), tls.keyPem().newInput())
                    .build());
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException("the chaincode's TLS material is unusable: " + e, e);
      }
    }
    ManagedChannel channel = builder.build();
    ChaincodeHandler handler =
        new ChaincodeHandler(settings.chaincodeId(), chaincode, executor, settings.localMspId());
    StreamObserver<ChaincodeMessage> requests =
        ChaincodeSupportGrpc.newStub(channel).register(handler);
    handler.start(requests);
    return new PeerClient(channel, handler);
  }

  ChaincodeHandler handler() {
    return handler;
  }

  @Override
  public void close() {
    handler.close();
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
