package dev.weft.peer.chaincode;

import io.grpc.Status;
import io.grpc.stub.CallStreamObserver;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer's sending side of one chaincode stream. gRPC allows one sender at a time; replies,
 * transactions, keepalives and timeouts come from different threads, so every send is serialised
 * here. Sends never block: gRPC buffers them. The stream is the server side of a chaincode's
 * Register call, or the client side of the peer's Connect call to a chaincode server.
 */
final class ChaincodeStream {

  private static final Logger log = LoggerFactory.getLogger(ChaincodeStream.class);

  private final CallStreamObserver<ChaincodeMessage> observer;
  private final int maxMessageSize;
  private boolean closed;

  ChaincodeStream(CallStreamObserver<ChaincodeMessage> observer, int maxMessageSize) {
    this.observer = observer;
    this.maxMessageSize = maxMessageSize;
  }

  /**
   * Sends a message; returns false if the stream is closed or sending failed, in which case the
   * message was not sent.
   */
  synchronized boolean send(ChaincodeMessage message) {
    if (closed) {
      return false;
    }
    try {
      observer.onNext(message);
      return true;
    } catch (RuntimeException e) {
      log.warn("sending {} to chaincode failed: {}", message.getType(), e.toString());
      return false;
    }
  }

  /**
   * Runs {@code beforeSending}, then sends a message, with no other message sent in between. For
   * READY and the handler's ready state: the state must change before READY can reach the chaincode
   * (which may then at once be asked for a transaction), while a TRANSACTION sent by anyone who
   * sees the new state still follows READY on the wire.
   */
  synchronized boolean send(ChaincodeMessage message, Runnable beforeSending) {
    beforeSending.run();
    return send(message);
  }

  /** Whether a message is too large to send on this stream. */
  boolean tooLarge(ChaincodeMessage message) {
    return message.getSerializedSize() > maxMessageSize;
  }

  int maxMessageSize() {
    return maxMessageSize;
  }

  /** Ends the stream with an error status (no-op if already closed). */
  synchronized void fail(Status status) {
    if (!closed) {
      closed = true;
      observer.onError(status.asRuntimeException());
    }
  }

  /** Ends the stream normally (no-op if already closed). */
  synchronized void complete() {
    if (!closed) {
      closed = true;
      observer.onCompleted();
    }
  }

  /** Records that the chaincode cancelled or the transport broke: nothing can be sent any more. */
  synchronized void markClosed() {
    closed = true;
  }
}
