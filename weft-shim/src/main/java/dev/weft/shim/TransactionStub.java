package dev.weft.shim;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.GetHistoryForKey;
import org.hyperledger.fabric.protos.peer.GetQueryResult;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.GetStateMetadata;
import org.hyperledger.fabric.protos.peer.GetStateMultiple;
import org.hyperledger.fabric.protos.peer.GetStateMultipleResult;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.PutStateMetadata;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryStateClose;
import org.hyperledger.fabric.protos.peer.QueryStateNext;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.StateMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadataResult;
import org.hyperledger.fabric.protos.peer.WriteBatchState;
import org.hyperledger.fabric.protos.peer.WriteRecord;

/**
 * The stub of one transaction: its inputs, decoded once from the TRANSACTION message and the signed
 * proposal, and its calls to the peer.
 *
 * <p>When the peer accepts write batches, writes are held in a {@link WriteBatch} and sent before
 * COMPLETED. The chaincode must see the same results and errors at the same calls with batching on
 * or off, so writes the peer could refuse are not held: Fabric refuses a paginated query after a
 * write and a write after a paginated query, so held writes are sent before a paginated query and
 * writes after one are sent at once; private-data writes are always sent at once.
 */
final class TransactionStub implements ChaincodeStub {

  /** The metadata key of a key-level endorsement policy. */
  static final String VALIDATION_PARAMETER = "VALIDATION_PARAMETER";

  /** Fabric's stand-in for an empty start key: the lowest key that is not composite. */
  private static final String EMPTY_KEY_SUBSTITUTE = "\u0001";

  private final ChaincodeHandler handler;
  private final String channelId;
  private final String txId;
  private final List<byte[]> args;
  private final Map<String, byte[]> decorations;
  private final SignedProposal signedProposal;
  private final PeerFeatures features;
  private final String localMspId;
  private final Instant timestamp;
  private final byte[] creator;
  private final Map<String, byte[]> transientMap;
  private final byte[] binding;
  private final WriteBatch batch;
  private boolean paginatedQueryDone;
  private ChaincodeEvent event;

  TransactionStub(
      ChaincodeHandler handler,
      ChaincodeMessage message,
      ChaincodeInput input,
      PeerFeatures features,
      String localMspId) {
    this.handler = handler;
    this.channelId = message.getChannelId();
    this.txId = message.getTxid();
    this.features = features;
    this.localMspId = localMspId;
    this.args = input.getArgsList().stream().map(ByteString::toByteArray).toList();
    this.decorations = bytesMap(input.getDecorationsMap());
    this.batch = features.writeBatch() ? new WriteBatch() : null;
    if (message.hasProposal()) {
      this.signedProposal = message.getProposal();
      ProposalParts parts = ProposalParts.of(signedProposal);
      this.timestamp = parts.timestamp();
      this.creator = parts.creator();
      this.transientMap = parts.transientMap();
      this.binding = parts.binding();
    } else {
      this.signedProposal = null;
      this.timestamp = null;
      this.creator = new byte[0];
      this.transientMap = Map.of();
      this.binding = new byte[0];
    }
  }

  /** The inputs a signed proposal carries for the stub. */
  private record ProposalParts(
      Instant timestamp, byte[] creator, Map<String, byte[]> transientMap, byte[] binding) {

    static ProposalParts of(SignedProposal signed) {
      try {
        Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
        if (proposal.getHeader().isEmpty()) {
          throw new ChaincodeException("failed to extract Proposal fields: proposal header is nil");
        }
        Header header = Header.parseFrom(proposal.getHeader());
        ChannelHeader channelHeader = ChannelHeader.parseFrom(header.getChannelHeader());
        if (channelHeader.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE
            && channelHeader.getType() != HeaderType.CONFIG_VALUE) {
          throw new ChaincodeException(
              "invalid channel header type. Expected ENDORSER_TRANSACTION or CONFIG, received "
                  + HeaderType.forNumber(channelHeader.getType()));
        }
        SignatureHeader signatureHeader = SignatureHeader.parseFrom(header.getSignatureHeader());
        ChaincodeProposalPayload payload =
            ChaincodeProposalPayload.parseFrom(proposal.getPayload());
        Instant timestamp =
            channelHeader.hasTimestamp()
                ? Instant.ofEpochSecond(
                    channelHeader.getTimestamp().getSeconds(),
                    channelHeader.getTimestamp().getNanos())
                : null;
        return new ProposalParts(
            timestamp,
            signatureHeader.getCreator().toByteArray(),
            bytesMap(payload.getTransientMapMap()),
            binding(signatureHeader, channelHeader.getEpoch()));
      } catch (InvalidProtocolBufferException e) {
        throw new ChaincodeException("failed to extract proposal fields: " + e.getMessage());
      }
    }

    private static byte[] binding(SignatureHeader header, long epoch) {
      try {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(header.getNonce().toByteArray());
        sha256.update(header.getCreator().toByteArray());
        sha256.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(epoch).array());
        return sha256.digest();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is always available", e);
      }
    }
  }

  // ---- inputs

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
    return args.isEmpty() ? "" : new String(args.get(0), StandardCharsets.UTF_8);
  }

  @Override
  public List<String> getParameters() {
    List<String> all = getStringArgs();
    return all.isEmpty() ? List.of() : all.subList(1, all.size());
  }

  @Override
  public String getTxId() {
    return txId;
  }

  @Override
  public String getChannelId() {
    return channelId;
  }

  @Override
  public Instant getTxTimestamp() {
    return timestamp;
  }

  @Override
  public byte[] getCreator() {
    return creator.clone();
  }

  @Override
  public Map<String, byte[]> getTransient() {
    return copy(transientMap);
  }

  @Override
  public byte[] getBinding() {
    return binding.clone();
  }

  @Override
  public SignedProposal getSignedProposal() {
    return signedProposal;
  }

  @Override
  public Map<String, byte[]> getDecorations() {
    return copy(decorations);
  }

  @Override
  public String getMspId() {
    return localMspId;
  }

  // ---- public state

  @Override
  public byte[] getState(String key) {
    return getState("", key);
  }

  @Override
  public List<byte[]> getMultipleStates(List<String> keys) {
    List<byte[]> values = new ArrayList<>(keys.size());
    if (!features.getMultiple()) {
      for (String key : keys) {
        values.add(getState(key));
      }
      return values;
    }
    for (int from = 0; from < keys.size(); from += features.maxGetMultiple()) {
      List<String> chunk =
          keys.subList(from, Math.min(keys.size(), from + features.maxGetMultiple()));
      GetStateMultipleResult result =
          PeerQueryIterator.parse(
              GetStateMultipleResult.parser(),
              call(
                  Type.GET_STATE_MULTIPLE,
                  GetStateMultiple.newBuilder().addAllKeys(chunk).build().toByteString()),
              "GetStateMultipleResult");
      if (result.getValuesCount() != chunk.size()) {
        throw new ChaincodeException(
            "the peer answered GET_STATE_MULTIPLE for "
                + chunk.size()
                + " keys with "
                + result.getValuesCount()
                + " values");
      }
      result.getValuesList().forEach(value -> values.add(value.toByteArray()));
    }
    return values;
  }

  @Override
  public void putState(String key, byte[] value) {
    putState("", key, value);
  }

  @Override
  public void delState(String key) {
    delState("", key);
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
    String start = startKey.isEmpty() ? EMPTY_KEY_SUBSTITUTE : startKey;
    validateSimpleKeys(start, endKey);
    return range("", start, endKey, null);
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(
      String startKey, String endKey, int pageSize, String bookmark) {
    String start = startKey.isEmpty() ? EMPTY_KEY_SUBSTITUTE : startKey;
    validateSimpleKeys(start, endKey);
    return range("", start, endKey, pagination(pageSize, bookmark));
  }

  @Override
  public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey partialKey) {
    String start = partialKey.toString();
    return range("", start, start + CompositeKey.MAX_CODE_POINT, null);
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
      CompositeKey partialKey, int pageSize, String bookmark) {
    String start = partialKey.toString();
    return range("", start, start + CompositeKey.MAX_CODE_POINT, pagination(pageSize, bookmark));
  }

  @Override
  public QueryResultsIterator<KeyValue> getQueryResult(String query) {
    return richQuery("", query, null);
  }

  @Override
  public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(
      String query, int pageSize, String bookmark) {
    return richQuery("", query, pagination(pageSize, bookmark));
  }

  @Override
  public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
    QueryResponse first =
        query(
            Type.GET_HISTORY_FOR_KEY,
            GetHistoryForKey.newBuilder().setKey(key).build().toByteString());
    return new PeerQueryIterator<>(this, first, TransactionStub::keyModification, null);
  }

  @Override
  public void setStateValidationParameter(String key, byte[] policy) {
    putMetadata("", key, VALIDATION_PARAMETER, policy);
  }

  @Override
  public byte[] getStateValidationParameter(String key) {
    return getMetadata("", key, VALIDATION_PARAMETER);
  }

  // ---- private data

  @Override
  public byte[] getPrivateData(String collection, String key) {
    return getState(requireCollection(collection), key);
  }

  @Override
  public byte[] getPrivateDataHash(String collection, String key) {
    return call(
            Type.GET_PRIVATE_DATA_HASH,
            GetState.newBuilder()
                .setCollection(requireCollection(collection))
                .setKey(key)
                .build()
                .toByteString())
        .toByteArray();
  }

  @Override
  public void putPrivateData(String collection, String key, byte[] value) {
    putState(requireCollection(collection), key, value);
  }

  @Override
  public void delPrivateData(String collection, String key) {
    delState(requireCollection(collection), key);
  }

  @Override
  public void purgePrivateData(String collection, String key) {
    requireKey(key);
    requireCollection(collection);
    call(
        Type.PURGE_PRIVATE_DATA,
        DelState.newBuilder().setCollection(collection).setKey(key).build().toByteString());
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByRange(
      String collection, String startKey, String endKey) {
    String start = startKey.isEmpty() ? EMPTY_KEY_SUBSTITUTE : startKey;
    validateSimpleKeys(start, endKey);
    return range(requireCollection(collection), start, endKey, null);
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(
      String collection, CompositeKey partialKey) {
    String start = partialKey.toString();
    return range(requireCollection(collection), start, start + CompositeKey.MAX_CODE_POINT, null);
  }

  @Override
  public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
    return richQuery(requireCollection(collection), query, null);
  }

  @Override
  public void setPrivateDataValidationParameter(String collection, String key, byte[] policy) {
    putMetadata(requireCollection(collection), key, VALIDATION_PARAMETER, policy);
  }

  @Override
  public byte[] getPrivateDataValidationParameter(String collection, String key) {
    return getMetadata(requireCollection(collection), key, VALIDATION_PARAMETER);
  }

  // ---- other chaincode, events

  @Override
  public Response invokeChaincode(String chaincodeName, List<byte[]> arguments, String channel) {
    String target =
        channel == null || channel.isEmpty() ? chaincodeName : chaincodeName + "/" + channel;
    ChaincodeSpec spec =
        ChaincodeSpec.newBuilder()
            .setChaincodeId(ChaincodeID.newBuilder().setName(target))
            .setInput(
                ChaincodeInput.newBuilder()
                    .addAllArgs(arguments.stream().map(ByteString::copyFrom).toList()))
            .build();
    // The peer refusing the call (unknown chaincode, a chaincode calling itself) throws, as in
    // Fabric's Java and Node shims; the callee failing is its error response.
    ByteString reply = call(Type.INVOKE_CHAINCODE, spec.toByteString());
    ChaincodeMessage calleeMessage =
        PeerQueryIterator.parse(ChaincodeMessage.parser(), reply, "ChaincodeMessage");
    if (calleeMessage.getType() != Type.COMPLETED) {
      return new Response(Response.ERROR, calleeMessage.getPayload().toStringUtf8(), null);
    }
    org.hyperledger.fabric.protos.peer.Response response =
        PeerQueryIterator.parse(
            org.hyperledger.fabric.protos.peer.Response.parser(),
            calleeMessage.getPayload(),
            "Response");
    return new Response(
        response.getStatus(), response.getMessage(), response.getPayload().toByteArray());
  }

  @Override
  public synchronized void setEvent(String name, byte[] payload) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("event name can not be empty string");
    }
    event =
        ChaincodeEvent.newBuilder()
            .setEventName(name)
            .setPayload(payload == null ? ByteString.EMPTY : ByteString.copyFrom(payload))
            .build();
  }

  // ---- used by the handler and the iterators

  synchronized Optional<ChaincodeEvent> event() {
    return Optional.ofNullable(event);
  }

  /** Sends the held writes, in batches of at most the size the peer announced. */
  synchronized void flushWrites() {
    if (batch == null || batch.isEmpty()) {
      return;
    }
    for (List<WriteRecord> chunk : batch.drain(features.maxWriteBatch())) {
      call(
          Type.WRITE_BATCH_STATE,
          WriteBatchState.newBuilder().addAllRec(chunk).build().toByteString());
    }
  }

  QueryResponse queryNext(String id) {
    return query(
        Type.QUERY_STATE_NEXT, QueryStateNext.newBuilder().setId(id).build().toByteString());
  }

  void queryClose(String id) {
    call(Type.QUERY_STATE_CLOSE, QueryStateClose.newBuilder().setId(id).build().toByteString());
  }

  // ---- the calls

  /** One request to the peer; a transaction's requests go one at a time. */
  private synchronized ByteString call(Type type, ByteString payload) {
    return handler.call(Messages.message(type, channelId, txId, payload));
  }

  private QueryResponse query(Type type, ByteString payload) {
    return PeerQueryIterator.parse(QueryResponse.parser(), call(type, payload), "QueryResponse");
  }

  private byte[] getState(String collection, String key) {
    return call(
            Type.GET_STATE,
            GetState.newBuilder().setCollection(collection).setKey(key).build().toByteString())
        .toByteArray();
  }

  private synchronized void putState(String collection, String key, byte[] value) {
    requireKey(key);
    ByteString bytes = value == null ? ByteString.EMPTY : ByteString.copyFrom(value);
    if (holdsWrites(collection)) {
      batch.put(collection, key, bytes);
      return;
    }
    call(
        Type.PUT_STATE,
        PutState.newBuilder()
            .setCollection(collection)
            .setKey(key)
            .setValue(bytes)
            .build()
            .toByteString());
  }

  private synchronized void delState(String collection, String key) {
    requireKey(key);
    if (holdsWrites(collection)) {
      batch.delete(collection, key);
      return;
    }
    call(
        Type.DEL_STATE,
        DelState.newBuilder().setCollection(collection).setKey(key).build().toByteString());
  }

  private synchronized void putMetadata(
      String collection, String key, String metakey, byte[] value) {
    requireKey(key);
    ByteString bytes = value == null ? ByteString.EMPTY : ByteString.copyFrom(value);
    if (holdsWrites(collection)) {
      batch.putMetadata(collection, key, metakey, bytes);
      return;
    }
    call(
        Type.PUT_STATE_METADATA,
        PutStateMetadata.newBuilder()
            .setCollection(collection)
            .setKey(key)
            .setMetadata(StateMetadata.newBuilder().setMetakey(metakey).setValue(bytes))
            .build()
            .toByteString());
  }

  private byte[] getMetadata(String collection, String key, String metakey) {
    StateMetadataResult result =
        PeerQueryIterator.parse(
            StateMetadataResult.parser(),
            call(
                Type.GET_STATE_METADATA,
                GetStateMetadata.newBuilder()
                    .setCollection(collection)
                    .setKey(key)
                    .build()
                    .toByteString()),
            "StateMetadataResult");
    for (StateMetadata entry : result.getEntriesList()) {
      if (entry.getMetakey().equals(metakey)) {
        return entry.getValue().toByteArray();
      }
    }
    return new byte[0];
  }

  private QueryResultsIteratorWithMetadata<KeyValue> range(
      String collection, String start, String end, QueryMetadata pagination) {
    GetStateByRange.Builder request =
        GetStateByRange.newBuilder().setCollection(collection).setStartKey(start).setEndKey(end);
    if (pagination != null) {
      request.setMetadata(pagination.toByteString());
    }
    return open(Type.GET_STATE_BY_RANGE, request.build().toByteString(), pagination != null);
  }

  private QueryResultsIteratorWithMetadata<KeyValue> richQuery(
      String collection, String query, QueryMetadata pagination) {
    GetQueryResult.Builder request =
        GetQueryResult.newBuilder().setCollection(collection).setQuery(query);
    if (pagination != null) {
      request.setMetadata(pagination.toByteString());
    }
    return open(Type.GET_QUERY_RESULT, request.build().toByteString(), pagination != null);
  }

  private synchronized QueryResultsIteratorWithMetadata<KeyValue> open(
      Type type, ByteString payload, boolean paginated) {
    if (paginated) {
      // The peer refuses a paginated query after a write: it must see the held writes first.
      flushWrites();
      paginatedQueryDone = true;
    }
    QueryResponse first = query(type, payload);
    QueryResponseMetadata metadata = null;
    if (paginated) {
      org.hyperledger.fabric.protos.peer.QueryResponseMetadata proto =
          PeerQueryIterator.parse(
              org.hyperledger.fabric.protos.peer.QueryResponseMetadata.parser(),
              first.getMetadata(),
              "QueryResponseMetadata");
      metadata = new QueryResponseMetadata(proto.getFetchedRecordsCount(), proto.getBookmark());
    }
    return new PeerQueryIterator<>(this, first, TransactionStub::keyValue, metadata);
  }

  /**
   * Whether a write is held for the batch. Only public writes are, and only while no paginated
   * query has run (the peer refuses writes after one): the peer may refuse a private write (an
   * unknown collection, a peer without private data), and the chaincode must see that at its call.
   */
  private boolean holdsWrites(String collection) {
    return batch != null && !paginatedQueryDone && collection.isEmpty();
  }

  private static QueryMetadata pagination(int pageSize, String bookmark) {
    return QueryMetadata.newBuilder()
        .setPageSize(pageSize)
        .setBookmark(bookmark == null ? "" : bookmark)
        .build();
  }

  private static KeyValue keyValue(ByteString bytes) {
    KV kv = PeerQueryIterator.parse(KV.parser(), bytes, "KV");
    return new KeyValue(kv.getKey(), kv.getValue().toByteArray());
  }

  private static KeyModification keyModification(ByteString bytes) {
    org.hyperledger.fabric.protos.ledger.queryresult.KeyModification modification =
        PeerQueryIterator.parse(
            org.hyperledger.fabric.protos.ledger.queryresult.KeyModification.parser(),
            bytes,
            "KeyModification");
    return new KeyModification(
        modification.getTxId(),
        modification.getValue().toByteArray(),
        Instant.ofEpochSecond(
            modification.getTimestamp().getSeconds(), modification.getTimestamp().getNanos()),
        modification.getIsDelete());
  }

  private static void validateSimpleKeys(String... keys) {
    for (String key : keys) {
      if (!key.isEmpty() && key.charAt(0) == CompositeKey.SEPARATOR) {
        throw new IllegalArgumentException(
            "first character of the key ["
                + key
                + "] contains a null character which is not allowed (composite keys are queried"
                + " with getStateByPartialCompositeKey)");
      }
    }
  }

  private static void requireKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("key must not be an empty string");
    }
  }

  private static String requireCollection(String collection) {
    if (collection == null || collection.isEmpty()) {
      throw new IllegalArgumentException("collection must not be an empty string");
    }
    return collection;
  }

  private static Map<String, byte[]> bytesMap(Map<String, ByteString> map) {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(key, value.toByteArray()));
    return Collections.unmodifiableMap(copy);
  }

  private static Map<String, byte[]> copy(Map<String, byte[]> map) {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(key, value.clone()));
    return copy;
  }
}
