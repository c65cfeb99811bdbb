package dev.weft.peer.testing;

import io.grpc.stub.StreamObserver;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/** Client-side stream observers for tests. */
public final class StreamObservers {

  private StreamObservers() {}

  /** An observer that adds every message to {@code queue} and ignores the end of the stream. */
  public static <T> StreamObserver<T> collectInto(Queue<T> queue) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        queue.add(value);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }

  /**
   * An observer that adds every message to {@code queue}; {@code end} completes when the server
   * ends the stream, exceptionally when it fails it.
   */
  public static <T> StreamObserver<T> collectInto(Queue<T> queue, CompletableFuture<Void> end) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        queue.add(value);
      }

      @Override
      public void onError(Throwable t) {
        end.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        end.complete(null);
      }
    };
  }
}
