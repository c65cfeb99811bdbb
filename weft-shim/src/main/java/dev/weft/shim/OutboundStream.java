package dev.weft.shim;

import io.grpc.stub.StreamObserver;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaincode's sending side of its stream to the peer. gRPC allows one sender at a time, and
 * transactions, keepalive answers and errors come from different threads, so every send goes
 * through here.
 */
final class OutboundStream {

  private static final Logger log = LoggerFactory.getLogger(OutboundStream.class);

  private final StreamObserver<ChaincodeMessage> observer;
  private boolean closed;

  OutboundStream(StreamObserver<ChaincodeMessage> observer) {
    this.observer = observer;
  }

  /** Sends a message; false if the stream is closed or the send failed. */
  synchronized boolean send(ChaincodeMessage message) {
    if (closed) {
      return false;
    }
    try {
      observer.onNext(message);
      return true;
    } catch (RuntimeException e) {
      log.warn(
          "[{}] sending {} to the peer failed: {}",
          Messages.shortTxId(message.getTxid()),
          message.getType(),
          e.toString());
      return false;
    }
  }

  /** Ends the stream from this side (no-op if already closed). */
  synchronized void complete() {
    if (!closed) {
      closed = true;
      try {
        observer.onCompleted();
      } catch (RuntimeException e) {
        log.debug("completing the stream failed: {}", e.toString());
      }
    }
  }

  /** Records that the stream ended from the other side: nothing can be sent any more. */
  synchronized void markClosed() {
    closed = true;
  }
}
