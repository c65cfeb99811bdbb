package dev.weft.peer.chaincode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.weft.peer.msp.Ecdsa;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a chaincode stream through only if its first message is a REGISTER for exactly the chaincode
 * id the connection's TLS client certificate was issued for, as Fabric's chaincode access control
 * does. A refused stream is closed with status {@code UNKNOWN} (what a Go gRPC server answers when
 * its handler returns a plain error, as Fabric's does) and a description in Fabric's words; the
 * handler behind never sees the message, so nothing registers.
 */
final class RegistrationAuthentication implements ServerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(RegistrationAuthentication.class);

  private final IssuedCertificates issued;

  RegistrationAuthentication(IssuedCertificates issued) {
    this.issued = issued;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Optional<ByteString> certificateHash =
        clientCertificateHash(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
        next.startCall(call, headers)) {
      // Listener callbacks of one call never run concurrently and happen one after another.
      private boolean authenticated;
      private boolean refused;

      @Override
      public void onMessage(Q message) {
        if (authenticated) {
          super.onMessage(message);
          return;
        }
        if (refused) {
          return;
        }
        Optional<String> refusal = refusal(message, certificateHash);
        if (refusal.isPresent()) {
          refused = true;
          log.warn("refusing a chaincode stream: {}", refusal.get());
          call.close(Status.UNKNOWN.withDescription(refusal.get()), new Metadata());
          return;
        }
        authenticated = true;
        super.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        if (!refused) {
          super.onHalfClose();
        }
      }
    };
  }

  /** Why the stream whose first message this is must be refused; empty if it may register. */
  private Optional<String> refusal(Object first, Optional<ByteString> certificateHash) {
    if (!(first instanceof InboundMessage inbound) || inbound.isMalformed()) {
      return Optional.of("First message needs to be a register, not a malformed message");
    }
    if (inbound.message().getType() != ChaincodeMessage.Type.REGISTER) {
      return Optional.of(
          "First message needs to be a register, not " + inbound.message().getType());
    }
    String chaincodeId;
    try {
      chaincodeId = ChaincodeID.parseFrom(inbound.message().getPayload()).getName();
    } catch (InvalidProtocolBufferException e) {
      return Optional.of("the REGISTER payload is not a ChaincodeID: " + e.getMessage());
    }
    if (certificateHash.isEmpty()) {
      return Optional.of("TLS is active but chaincode " + chaincodeId + " didn't send certificate");
    }
    String hash = HexFormat.of().formatHex(certificateHash.get().toByteArray());
    Optional<String> issuedFor = issued.chaincodeId(certificateHash.get());
    if (issuedFor.isEmpty()) {
      return Optional.of(
          "Chaincode "
              + chaincodeId
              + " with given certificate hash "
              + hash
              + " not found in registry (the peer accepts only a certificate it issued when it"
              + " launched the chaincode, for "
              + IssuedCertificates.TIME_TO_LIVE.toMinutes()
              + " minutes)");
    }
    if (!issuedFor.get().equals(chaincodeId)) {
      return Optional.of(
          "Chaincode "
              + chaincodeId
              + " with given certificate hash "
              + hash
              + " belongs to a different chaincode (the peer issued it for "
              + issuedFor.get()
              + ")");
    }
    return Optional.empty();
  }

  /** SHA-256 of the DER of the connection's client certificate; empty without one. */
  private static Optional<ByteString> clientCertificateHash(SSLSession session) {
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length == 0) {
        return Optional.empty();
      }
      return Optional.of(ByteString.copyFrom(Ecdsa.sha256(chain[0].getEncoded())));
    } catch (SSLPeerUnverifiedException | CertificateEncodingException e) {
      return Optional.empty();
    }
  }
}
