package dev.weft.peer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsRegistryTest {

  private final MetricsRegistry registry = new MetricsRegistry();

  @Test
  void declaringTheSameMetricAgainGivesTheOneAlreadyThereSoComponentsCanShareIt() {
    Counter first = registry.counter("ledger_transaction_count", "Transactions.", "channel");
    Counter again = registry.counter("ledger_transaction_count", "Transactions.", "channel");
    first.increment("a");
    again.increment("b");

    assertThat(again).isSameAs(first);
    assertThat(first.value("b")).isEqualTo(1);
  }

  @Test
  void aDifferentDefinitionUnderATakenNameIsRefused() {
    registry.counter("x", "Help.", "channel");

    assertThatThrownBy(() -> registry.counter("x", "Help.", "chaincode"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metric x is already declared as a counter");
    assertThatThrownBy(() -> registry.gauge("x", "Help.", "channel"))
        .hasMessageContaining("cannot declare it again as a gauge");
    registry.histogram("h", "Help.", Buckets.of(1, 2));
    assertThatThrownBy(() -> registry.histogram("h", "Help.", Buckets.of(1, 3)))
        .hasMessageContaining("metric h is already declared");
  }

  @Test
  void namesLabelsAndBucketsMustBeValidForPrometheus() {
    assertThatThrownBy(() -> registry.counter("9lives", "Help."))
        .hasMessageContaining("not a Prometheus metric name");
    assertThatThrownBy(() -> registry.counter("x", "Help.", "a-b"))
        .hasMessageContaining("not a Prometheus label name");
    assertThatThrownBy(() -> registry.counter("x", "Help.", "a", "a"))
        .hasMessageContaining("names label a twice");
    assertThatThrownBy(() -> registry.counter("x", " ")).hasMessageContaining("needs a help text");
    assertThatThrownBy(() -> registry.histogram("x", "Help.", Buckets.of(1), "le"))
        .hasMessageContaining("cannot have a label 'le'");
    assertThatThrownBy(() -> Buckets.of(1, 1)).hasMessageContaining("strictly increasing");
    assertThatThrownBy(() -> Buckets.of(1, Double.POSITIVE_INFINITY))
        .hasMessageContaining("+Inf is implicit");
  }

  @Test
  void recordingWithTheWrongNumberOfLabelValuesIsAnErrorAndCountersNeverGoDown() {
    Counter counter = registry.counter("c", "Help.", "channel", "chaincode");

    assertThatThrownBy(() -> counter.increment("mychannel"))
        .hasMessage("metric c has labels [channel, chaincode] but was given 1 values");
    assertThatThrownBy(() -> counter.add(-1, "mychannel", "cc"))
        .hasMessageContaining("cannot go down");
  }

  @Test
  void gaugesAreSetAndMoved() {
    Gauge gauge = registry.gauge("g", "Help.", "channel");
    gauge.set(5, "a");
    gauge.add(-1.5, "a");

    assertThat(gauge.value("a")).isEqualTo(3.5);
    assertThat(gauge.value("b")).isZero();
  }

  @Test
  void concurrentRecordersLoseNothing() throws Exception {
    Counter counter = registry.counter("c", "Help.", "channel");
    Histogram histogram = registry.histogram("h", "Help.", Buckets.PROMETHEUS_DEFAULTS, "channel");
    int threads = 4;
    int perThread = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    counter.increment(i % 2 == 0 ? "a" : "b");
                    histogram.observe(0.001, "a");
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(counter.value("a") + counter.value("b")).isEqualTo(threads * perThread);
    assertThat(histogram.count("a")).isEqualTo(threads * perThread);
  }

  @Test
  void labelValuesBeyondTheSeriesLimitAreNotRecordedSoOutsideInputCannotExhaustMemory() {
    Counter counter = registry.counter("c", "Help.", "channel");
    for (int i = 0; i < SeriesMap.MAX_SERIES; i++) {
      counter.increment("channel" + i);
    }

    counter.increment("one-too-many");
    counter.increment("channel1");

    assertThat(counter.series()).hasSize(SeriesMap.MAX_SERIES);
    assertThat(counter.value("one-too-many")).isZero();
    assertThat(counter.value("channel1")).isEqualTo(2);
  }
}
