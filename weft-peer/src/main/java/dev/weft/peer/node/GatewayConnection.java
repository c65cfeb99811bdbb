package dev.weft.peer.node;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * A client command's connection to the peer: one gRPC channel, and a Gateway (Fabric's own client
 * library) on it that calls as the identity of an MSP directory.
 *
 * @param channel the gRPC channel to the peer endpoint
 * @param gateway the Gateway client on it
 */
record GatewayConnection(ManagedChannel channel, Gateway gateway) implements AutoCloseable {

  static GatewayConnection open(PeerEndpointFile.Endpoint endpoint, Path msp, String mspId) {
    X509Identity identity;
    Signer signer;
    try (Reader certificate =
            Files.newBufferedReader(StartCommand.firstFile(msp.resolve("signcerts")));
        Reader key = Files.newBufferedReader(StartCommand.firstFile(msp.resolve("keystore")))) {
      identity = new X509Identity(mspId, Identities.readX509Certificate(certificate));
      signer = Signers.newPrivateKeySigner(Identities.readPrivateKey(key));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the identity in " + msp, e);
    } catch (CertificateException | InvalidKeyException e) {
      throw new IllegalArgumentException("bad identity in " + msp + ": " + e.getMessage(), e);
    }
    ManagedChannel channel = channel(endpoint);
    Gateway gateway =
        Gateway.newInstance()
            .identity(identity)
            .signer(signer)
            .connection(channel)
            .evaluateOptions(o -> o.withDeadlineAfter(1, TimeUnit.MINUTES))
            .endorseOptions(o -> o.withDeadlineAfter(1, TimeUnit.MINUTES))
            .submitOptions(o -> o.withDeadlineAfter(1, TimeUnit.MINUTES))
            // The commit of a lone transaction takes milliseconds; minutes mean it never will.
            .commitStatusOptions(o -> o.withDeadlineAfter(2, TimeUnit.MINUTES))
            .connect();
    return new GatewayConnection(channel, gateway);
  }

  private static ManagedChannel channel(PeerEndpointFile.Endpoint endpoint) {
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(endpoint.address());
    if (endpoint.tlsCa() == null) {
      return builder.usePlaintext().build();
    }
    try {
      return builder
          .sslContext(GrpcSslContexts.forClient().trustManager(endpoint.tlsCa().toFile()).build())
          .build();
    } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot trust the TLS CA certificate " + endpoint.tlsCa() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    gateway.close();
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
