package dev.weft.interop;

import static dev.weft.peer.testing.TestPeer.CHANNEL;
import static dev.weft.peer.testing.TestPeer.keys;
import static dev.weft.peer.testing.TestPeer.writes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.peer.chaincode.ExecutionResult;
import dev.weft.peer.testing.TestPeer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One scenario, three shims: the interop chaincode on Fabric's Java shim, Fabric's Node shim and
 * Weft's shim runs the same transactions against three peers holding the same state, and the peers
 * must produce byte-identical responses and read-write sets (and the same events). Where Fabric's
 * two shims disagree with each other (the text of a peer error, a thrown exception) the scenario
 * stays out: ShimInteropTest covers those per shim.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShimEquivalenceTest {

  private static final String CC = "interop";
  private static final String SECOND_CC = "interop2";
  private static final Instant SEED_TIME = Instant.parse("2026-01-02T03:04:05.006Z");

  private final Map<InteropShim, TestPeer> peers = new EnumMap<>(InteropShim.class);
  private final List<AutoCloseable> resources = new ArrayList<>();

  @BeforeAll
  void startAPeerAndTheChaincodePerShim() {
    for (InteropShim shim : InteropShim.values()) {
      TestPeer peer = TestPeer.start();
      resources.add(peer);
      peers.put(shim, peer);
      seed(peer);
      resources.add(0, shim.start(peer, CC + ":1.0"));
      resources.add(0, shim.start(peer, SECOND_CC + ":1.0"));
    }
  }

  @AfterAll
  void stop() {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  /** The same blocks, with the same transaction ids and timestamps, on every peer. */
  private static void seed(TestPeer peer) {
    Map<String, String> many = new LinkedHashMap<>();
    IntStream.range(0, 150).forEach(i -> many.put(String.format("many/%03d", i), "v" + i));
    peer.commit(CHANNEL, SEED_TIME, writes(CC, many));
    peer.commit(
        CHANNEL,
        SEED_TIME.plusSeconds(1),
        writes(CC, keys("a", "1", "b", "2", "c", "3", "hist", "first")),
        writes(SECOND_CC, keys("theirs", "t")));
    peer.commit(CHANNEL, SEED_TIME.plusSeconds(2), writes(CC, keys("hist", "second")));
    peer.commit(CHANNEL, SEED_TIME.plusSeconds(3), writes(CC, keys("hist", "")));
    Map<String, String> composite = new LinkedHashMap<>();
    for (String color : List.of("blue", "red")) {
      for (int i = 0; i < 3; i++) {
        composite.put("\u0000color\u0000" + color + "\u0000car" + i + "\u0000", color + i);
      }
    }
    peer.commit(CHANNEL, SEED_TIME.plusSeconds(4), writes(CC, composite));
  }

  private static final List<List<String>> SCENARIO =
      List.of(
          List.of("get", "a"),
          List.of("get", "missing"),
          List.of("put", "new", "value"),
          List.of("del", "b"),
          List.of("putGet", "a", "changed"),
          List.of("range", "a", "c"),
          List.of("range", "", ""),
          List.of("rangeFirst", "many/", "many/~", "3"),
          List.of("rangeFirst", "many/", "many/~", "120"),
          List.of("rangePage", "many/", "many/~", "40", ""),
          List.of("rangePage", "many/", "many/~", "40", "many/040"),
          List.of("composite", "color", "blue", "car9"),
          List.of("putComposite", "green0", "color", "green", "car0"),
          List.of("partial", "color", "blue"),
          List.of("partial", "color"),
          List.of("partialPage", "2", "", "color", "red"),
          List.of("history", "hist"),
          List.of("setEp", "a", "policy-bytes"),
          List.of("getEp", "a"),
          List.of("invoke", SECOND_CC, "", "putGet", "theirs", "mine"),
          List.of("event", "made", "payload"),
          List.of("fail", "refused on purpose"),
          List.of("unknownFunction"));

  @Test
  void everyShimMakesThePeerProduceTheSameResponsesAndReadWriteSets() {
    for (List<String> args : SCENARIO) {
      Map<InteropShim, ExecutionResult> results = new EnumMap<>(InteropShim.class);
      peers.forEach((shim, peer) -> results.put(shim, execute(peer, args)));
      ExecutionResult reference = results.get(InteropShim.FABRIC_JAVA);
      for (InteropShim shim : InteropShim.values()) {
        ExecutionResult result = results.get(shim);
        assertThat(result.response().toByteString())
            .as("response of %s on %s: %s", args, shim, result.response())
            .isEqualTo(reference.response().toByteString());
        assertThat(result.readWriteSet().toByteString())
            .as("read-write set of %s on %s: %s", args, shim, result.readWriteSet())
            .isEqualTo(reference.readWriteSet().toByteString());
        assertThat(result.event().map(e -> e.getEventName() + "=" + e.getPayload().toStringUtf8()))
            .as("event of %s on %s", args, shim)
            .isEqualTo(
                reference.event().map(e -> e.getEventName() + "=" + e.getPayload().toStringUtf8()));
      }
    }
  }

  @Test
  void theScenarioReallyReadsAndWrites() {
    ExecutionResult result = execute(peers.get(InteropShim.WEFT), List.of("putGet", "a", "x"));
    TxReadWriteSet rwSet = result.readWriteSet();
    assertThat(TestPeer.namespace(rwSet, CC).getReadsCount()).isEqualTo(1);
    assertThat(TestPeer.namespace(rwSet, CC).getWritesCount()).isEqualTo(1);
    assertThat(result.response().getPayload().toStringUtf8()).isEqualTo("1");
  }

  private static ExecutionResult execute(TestPeer peer, List<String> args) {
    try {
      return peer.execute(CC, args.toArray(new String[0])).result().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("executing " + args + " failed", e);
    }
  }
}
