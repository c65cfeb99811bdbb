package dev.weft.peer.lifecycle;

import com.google.protobuf.ByteString;
import dev.weft.peer.ledger.ResultsIterator;
import dev.weft.peer.ledger.TxSimulator;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;

/**
 * The {@code _lifecycle} namespace as a transaction simulation sees it, optionally narrowed to the
 * keys under a prefix (an organisation's approvals, see {@link LifecycleKeys#orgPrefix}).
 */
final class SimulatedState implements LifecycleState {

  private final TxSimulator simulator;
  private final String prefix;

  SimulatedState(TxSimulator simulator, String prefix) {
    this.simulator = simulator;
    this.prefix = prefix;
  }

  /** The whole public namespace. */
  static SimulatedState of(TxSimulator simulator) {
    return new SimulatedState(simulator, "");
  }

  /** The keys holding {@code mspId}'s approvals. */
  static SimulatedState ofOrg(TxSimulator simulator, String mspId) {
    return new SimulatedState(simulator, LifecycleKeys.orgPrefix(mspId));
  }

  @Override
  public ByteString get(String key) {
    return simulator.getState(LifecycleKeys.NAMESPACE, prefix + key);
  }

  @Override
  public void put(String key, ByteString value) {
    simulator.setState(LifecycleKeys.NAMESPACE, prefix + key, value);
  }

  @Override
  public void delete(String key) {
    simulator.deleteState(LifecycleKeys.NAMESPACE, prefix + key);
  }

  @Override
  public SortedMap<String, ByteString> range(String keyPrefix) {
    SortedMap<String, ByteString> found = new TreeMap<>();
    // As Fabric's lifecycle shim: every key from the prefix up to the prefix followed by DEL.
    try (ResultsIterator results =
        simulator.rangeQuery(
            LifecycleKeys.NAMESPACE, prefix + keyPrefix, prefix + keyPrefix + "\u007f")) {
      for (Object next = results.next(); next != null; next = results.next()) {
        KV kv = (KV) next;
        found.put(kv.getKey().substring(prefix.length()), kv.getValue());
      }
    }
    return found;
  }
}
