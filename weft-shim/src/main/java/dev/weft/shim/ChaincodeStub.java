package dev.weft.shim;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * What a chaincode sees of one transaction: its inputs, and calls to the peer that read and write
 * the ledger through the transaction's simulation.
 *
 * <p>Reads return committed state: as on a Fabric peer, a transaction does not see its own writes
 * (a {@code getState} after a {@code putState} of the same key returns the committed value). Writes
 * take effect only if the transaction is endorsed, ordered and validated. Calls that the peer
 * refuses throw {@link ChaincodeException} with the peer's reason.
 *
 * <p>A stub belongs to one transaction; its calls are safe from several threads (they are sent one
 * at a time).
 */
public interface ChaincodeStub {

  // ---- inputs

  /** Every argument, the function name first. */
  List<byte[]> getArgs();

  /** Every argument decoded as UTF-8, the function name first. */
  List<String> getStringArgs();

  /** The first argument (the function name), empty if there are none. */
  String getFunction();

  /** The arguments after the function name, as UTF-8 strings. */
  List<String> getParameters();

  /** The transaction id. */
  String getTxId();

  /** The channel the transaction runs on. */
  String getChannelId();

  /** When the client created the proposal (its channel header timestamp); null without one. */
  Instant getTxTimestamp();

  /** The creator of the proposal: a serialized identity (MSP id and certificate). */
  byte[] getCreator();

  /** The transient data the client sent with the proposal; never recorded on the ledger. */
  Map<String, byte[]> getTransient();

  /** SHA-256 over the proposal's nonce, creator and epoch, to bind proposal-specific data. */
  byte[] getBinding();

  /** The signed proposal the client sent, null if the peer sent none. */
  SignedProposal getSignedProposal();

  /** Extra data the peer attached to the transaction (decorations). */
  Map<String, byte[]> getDecorations();

  /** The MSP id of the peer that runs this chaincode ({@code CORE_PEER_LOCALMSPID}), or empty. */
  String getMspId();

  // ---- public state

  /** The committed value of {@code key}, empty if it has none. */
  byte[] getState(String key);

  /** The committed value of {@code key} decoded as UTF-8, empty if it has none. */
  default String getStringState(String key) {
    return new String(getState(key), StandardCharsets.UTF_8);
  }

  /**
   * The committed values of several keys in order, empty arrays for keys with no value. Sent as
   * GET_STATE_MULTIPLE requests when the peer supports them, otherwise one GET_STATE per key.
   */
  List<byte[]> getMultipleStates(List<String> keys);

  /** Writes {@code key}. An empty value deletes it, as in Fabric. */
  void putState(String key, byte[] value);

  /** Writes {@code key} with the UTF-8 bytes of {@code value}. */
  default void putStringState(String key, String value) {
    putState(key, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Deletes {@code key}. */
  void delState(String key);

  /**
   * The keys from {@code startKey} (inclusive) to {@code endKey} (exclusive) in key order; empty
   * bounds mean unbounded. Composite keys are not included: query them with {@link
   * #getStateByPartialCompositeKey}.
   */
  QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey);

  /**
   * One page of a range: at most {@code pageSize} keys starting at {@code bookmark} (or {@code
   * startKey} when the bookmark is empty). Fabric allows this only in transactions that write
   * nothing.
   */
  QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
      String startKey, String endKey, int pageSize, String bookmark);

  /** Every composite key that starts with {@code partialKey}, in key order. */
  QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey partialKey);

  /** Shortcut for {@link #getStateByPartialCompositeKey(CompositeKey)}. */
  default QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(
      String objectType, String... attributes) {
    return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
  }

  /** One page of {@link #getStateByPartialCompositeKey}. */
  QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
      CompositeKey partialKey, int pageSize, String bookmark);

  /** Builds a composite key in Fabric's encoding. */
  default CompositeKey createCompositeKey(String objectType, String... attributes) {
    return new CompositeKey(objectType, attributes);
  }

  /** Splits a composite key into its object type and attributes. */
  default CompositeKey splitCompositeKey(String compositeKey) {
    return CompositeKey.parse(compositeKey);
  }

  /** A rich query (for example a CouchDB selector) over the state; the peer must support it. */
  QueryResultsIterator<KeyValue> getQueryResult(String query);

  /** One page of a rich query. */
  QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
      String query, int pageSize, String bookmark);

  /** Every committed change of {@code key}, newest first. */
  QueryResultsIterator<KeyModification> getHistoryForKey(String key);

  /** Sets the key-level endorsement policy of {@code key} (see {@link KeyEndorsementPolicy}). */
  void setStateValidationParameter(String key, byte[] policy);

  /** The key-level endorsement policy of {@code key}, empty if none. */
  byte[] getStateValidationParameter(String key);

  // ---- private data

  /** The value of {@code key} in a private data collection, empty if none. */
  byte[] getPrivateData(String collection, String key);

  /** The hash of the value of {@code key} in a collection, readable without being a member. */
  byte[] getPrivateDataHash(String collection, String key);

  /** Writes {@code key} in a private data collection. */
  void putPrivateData(String collection, String key, byte[] value);

  /** Deletes {@code key} from a private data collection. */
  void delPrivateData(String collection, String key);

  /** Deletes {@code key} from a collection and purges its history. */
  void purgePrivateData(String collection, String key);

  /** A range of keys in a private data collection. */
  QueryResultsIterator<KeyValue> getPrivateDataByRange(
      String collection, String startKey, String endKey);

  /** The composite keys of a collection that start with {@code partialKey}. */
  QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
      String collection, CompositeKey partialKey);

  /** A rich query over a private data collection. */
  QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query);

  /** Sets the key-level endorsement policy of a private key. */
  void setPrivateDataValidationParameter(String collection, String key, byte[] policy);

  /** The key-level endorsement policy of a private key, empty if none. */
  byte[] getPrivateDataValidationParameter(String collection, String key);

  // ---- other chaincode, events

  /**
   * Runs another chaincode in this transaction and returns its response. On the same channel
   * ({@code channel} empty or this one) its reads and writes join this transaction; on another
   * channel it only reads, and Fabric discards its writes.
   */
  Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel);

  /** {@link #invokeChaincode(String, List, String)} on this channel. */
  default Response invokeChaincode(String chaincodeName, List<byte[]> args) {
    return invokeChaincode(chaincodeName, args, "");
  }

  /** {@link #invokeChaincode(String, List, String)} on this channel with UTF-8 arguments. */
  default Response invokeChaincodeWithStringArgs(String chaincodeName, String... args) {
    return invokeChaincode(
        chaincodeName,
        Arrays.stream(args).map(a -> a.getBytes(StandardCharsets.UTF_8)).toList(),
        "");
  }

  /**
   * Sets the event the transaction emits when committed (one per transaction: a later call replaces
   * an earlier one). The name must not be empty.
   */
  void setEvent(String name, byte[] payload);
}
