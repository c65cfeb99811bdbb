package dev.weft.interop;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * A Weft peer started as the README starts it ({@link PeerProcess}, fresh data directory) and a
 * connection to it with Fabric's Java client library as the generated {@code User1}, every call
 * with a 30-second deadline.
 *
 * @param data the peer's data directory
 * @param peer the peer process
 * @param connection the gRPC connection to its peer endpoint
 * @param gateway the client library's gateway on that connection
 */
record ReadmePeer(Path data, PeerProcess peer, ManagedChannel connection, Gateway gateway)
    implements AutoCloseable {

  static final String CHANNEL = "mychannel";
  static final String USER_MSP =
      "crypto/peerOrganizations/org1.example.com/users/User1@org1.example.com/msp";
  private static final UnaryOperator<CallOptions> DEADLINE =
      options -> options.withDeadlineAfter(30, TimeUnit.SECONDS);

  /** Starts the peer in {@code directory}/weft-data, logging to {@code logName} in the logs. */
  static ReadmePeer start(Path directory, String logName) throws IOException {
    Path data = directory.resolve("weft-data");
    Path logs = Path.of(System.getProperty("interop.logs", "target/chaincode-logs"));
    PeerProcess peer =
        PeerProcess.start(
            Path.of(System.getProperty("interop.peerJar")), data, logs.resolve(logName));
    ManagedChannel connection =
        ManagedChannelBuilder.forTarget(peer.endorserAddress()).usePlaintext().build();
    Path user = data.resolve(USER_MSP);
    Gateway gateway =
        Gateway.newInstance()
            .identity(
                new X509Identity(
                    "Org1MSP",
                    certificate(user.resolve("signcerts/User1@org1.example.com-cert.pem"))))
            .signer(Signers.newPrivateKeySigner(privateKey(user.resolve("keystore/priv_sk"))))
            .connection(connection)
            .evaluateOptions(DEADLINE)
            .endorseOptions(DEADLINE)
            .submitOptions(DEADLINE)
            .commitStatusOptions(DEADLINE)
            .chaincodeEventsOptions(DEADLINE)
            .connect();
    return new ReadmePeer(data, peer, connection, gateway);
  }

  /** The generated User1's MSP directory. */
  Path userMsp() {
    return data.resolve(USER_MSP);
  }

  static X509Certificate certificate(Path pem) throws IOException {
    try (Reader reader = Files.newBufferedReader(pem)) {
      return Identities.readX509Certificate(reader);
    } catch (CertificateException e) {
      throw new IOException(e);
    }
  }

  static PrivateKey privateKey(Path pem) throws IOException {
    try (Reader reader = Files.newBufferedReader(pem)) {
      return Identities.readPrivateKey(reader);
    } catch (InvalidKeyException e) {
      throw new IOException(e);
    }
  }

  /** Closes the gateway and the connection, then stops the peer as Ctrl-C does. */
  @Override
  public void close() {
    gateway.close();
    connection.shutdownNow();
    try {
      connection.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      peer.close();
    }
  }
}
