package dev.weft.peer.metrics;

import java.util.concurrent.atomic.AtomicLong;

/** One series of a gauge: a double that can be set or moved, held as its bits. */
final class GaugeValue {

  private final AtomicLong bits = new AtomicLong(Double.doubleToLongBits(0));

  void set(double value) {
    bits.set(Double.doubleToLongBits(value));
  }

  void add(double delta) {
    long current;
    long next;
    do {
      current = bits.get();
      next = Double.doubleToLongBits(Double.longBitsToDouble(current) + delta);
    } while (!bits.compareAndSet(current, next));
  }

  double get() {
    return Double.longBitsToDouble(bits.get());
  }
}
