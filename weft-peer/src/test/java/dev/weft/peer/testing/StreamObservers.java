package dev.weft.peer.testing;

import io.grpc.stub.StreamObserver;
import java.util.Queue;

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
}
