package dev.weft.shim.testing;

import dev.weft.shim.ChaincodeStub;
import dev.weft.shim.CompositeKey;
import dev.weft.shim.KeyModification;
import dev.weft.shim.KeyValue;
import dev.weft.shim.QueryResultsIterator;
import dev.weft.shim.QueryResultsIteratorWithMetadata;
import dev.weft.shim.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * One transaction over an in-memory ledger, for unit tests of contracts and chaincode logic (the
 * protocol itself is tested against real streams). As on a peer, reads see the committed state
 * only; {@link #commit()} applies the transaction's writes and records them in the keys' history.
 * Only the inputs, public state and history calls work; the others throw {@link
 * UnsupportedOperationException}.
 */
public final class InMemoryStub implements ChaincodeStub {

  /** Committed state and history, shared by the transactions of one test. */
  public static final class Ledger {
    private final NavigableMap<String, byte[]> state = new TreeMap<>();
    private final Map<String, List<KeyModification>> history = new HashMap<>();
    private int transactions;

    /** A transaction with these arguments (function first) over this ledger. */
    public InMemoryStub transaction(String... args) {
      transactions++;
      return new InMemoryStub(
          this,
          "tx" + transactions,
          Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** The committed value of {@code key} as UTF-8 text, empty if none. */
    public String value(String key) {
      byte[] value = state.get(key);
      return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }
  }

  private final Ledger ledger;
  private final String txId;
  private final List<byte[]> args;
  private final Map<String, Optional<byte[]>> writes = new LinkedHashMap<>();
  private byte[] creator = new byte[0];

  private InMemoryStub(Ledger ledger, String txId, List<byte[]> args) {
    this.ledger = ledger;
    this.txId = txId;
    this.args = args;
  }

  /** A transaction with these arguments (function first) over a fresh, empty ledger. */
  public static InMemoryStub of(String... args) {
    return new Ledger().transaction(args);
  }

  /** A transaction with these raw arguments over a fresh, empty ledger. */
  public static InMemoryStub ofBytes(byte[]... args) {
    return new InMemoryStub(new Ledger(), "tx1", List.of(args));
  }

  /** Sets the proposal's creator. */
  public InMemoryStub withCreator(byte[] creator) {
    this.creator = creator.clone();
    return this;
  }

  /** What the transaction wrote so far, by key, as UTF-8 text; empty for a delete. */
  public Map<String, String> writes() {
    Map<String, String> text = new LinkedHashMap<>();
    writes.forEach(
        (key, value) ->
            text.put(key, value.map(v -> new String(v, StandardCharsets.UTF_8)).orElse("")));
    return text;
  }

  /** Applies the transaction's writes to the ledger and records them in the keys' history. */
  public void commit() {
    Instant now = Instant.now();
    writes.forEach(
        (key, value) -> {
          value.ifPresentOrElse(v -> ledger.state.put(key, v), () -> ledger.state.remove(key));
          ledger
              .history
              .computeIfAbsent(key, k -> new ArrayList<>())
              .add(0, new KeyModification(txId, value.orElse(new byte[0]), now, value.isEmpty()));
        });
    writes.clear();
  }

  @Override
  public List<byte[]> getArgs() {
    return args.stream().map(byte[]::clone).toList();
  }

  @Override
  public List<String> getStringArgs() {
    return args.stream().map(a -> new String(a, StandardCharsets.UTF_8)).toList();
  }

  @Override
  public String getFunction() {
    return args.isEmpty() ? "" : getStringArgs().get(0);
  }

  @Override
  public List<String> getParameters() {
    return args.isEmpty() ? List.of() : getStringArgs().subList(1, args.size());
  }

  @Override
  public String getTxId() {
    return txId;
  }

  @Override
  public String getChannelId() {
    return "mychannel";
  }

  @Override
  public Instant getTxTimestamp() {
    return Instant.EPOCH;
  }

  @Override
  public byte[] getCreator() {
    return creator.clone();
  }

  @Override
  public Map<String, byte[]> getTransient() {
    return Map.of();
  }

  @Override
  public byte[] getBinding() {
    throw new UnsupportedOperationException();
  }

  @Override
  public SignedProposal getSignedProposal() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Map<String, byte[]> getDecorations() {
    return Map.of();
  }

  @Override
  public String getMspId() {
    return "Org1MSP";
  }

  @Override
  public byte[] getState(String key) {
    byte[] value = ledger.state.get(key);
    return value == null ? new byte[0] : value.clone();
  }

  @Override
  public List<byte[]> getMultipleStates(List<String> keys) {
    return keys.stream().map(this::getState).toList();
  }

  @Override
  public void putState(String key, byte[] value) {
    writes.put(key, value.length == 0 ? Optional.empty() : Optional.of(value.clone()));
  }

  @Override
  public void delState(String key) {
    writes.put(key, Optional.empty());
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
    // Composite keys (starting with U+0000) are outside every range, as on a peer.
    NavigableMap<String, byte[]> range =
        endKey.isEmpty()
            ? ledger.state.tailMap(startKey, true)
            : ledger.state.subMap(startKey, true, endKey, false);
    List<KeyValue> results =
        range.entrySet().stream()
            .filter(e -> !e.getKey().startsWith("\u0000"))
            .map(e -> new KeyValue(e.getKey(), e.getValue()))
            .toList();
    return new ResultList<>(results);
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
      String startKey, String endKey, int pageSize, String bookmark) {
    throw new UnsupportedOperationException();
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey partialKey) {
    throw new UnsupportedOperationException();
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
      CompositeKey partialKey, int pageSize, String bookmark) {
    throw new UnsupportedOperationException();
  }

  @Override
  public QueryResultsIterator<KeyValue> getQueryResult(String query) {
    throw new UnsupportedOperationException();
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
      String query, int pageSize, String bookmark) {
    throw new UnsupportedOperationException();
  }

  @Override
  public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
    return new ResultList<>(List.copyOf(ledger.history.getOrDefault(key, List.of())));
  }

  @Override
  public void setStateValidationParameter(String key, byte[] policy) {
    throw new UnsupportedOperationException();
  }

  @Override
  public byte[] getStateValidationParameter(String key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public byte[] getPrivateData(String collection, String key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public byte[] getPrivateDataHash(String collection, String key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void putPrivateData(String collection, String key, byte[] value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void delPrivateData(String collection, String key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void purgePrivateData(String collection, String key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByRange(
      String collection, String startKey, String endKey) {
    throw new UnsupportedOperationException();
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
      String collection, CompositeKey partialKey) {
    throw new UnsupportedOperationException();
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void setPrivateDataValidationParameter(String collection, String key, byte[] policy) {
    throw new UnsupportedOperationException();
  }

  @Override
  public byte[] getPrivateDataValidationParameter(String collection, String key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void setEvent(String name, byte[] payload) {
    throw new UnsupportedOperationException();
  }

  /** Query results already in memory. */
  private static final class ResultList<T> implements QueryResultsIterator<T> {

    private final List<T> results;
    private boolean iterated;

    ResultList(List<T> results) {
      this.results = results;
    }

    @Override
    public Iterator<T> iterator() {
      if (iterated) {
        throw new IllegalStateException("query results can be iterated once");
      }
      iterated = true;
      return results.iterator();
    }

    @Override
    public void close() {}
  }
}
