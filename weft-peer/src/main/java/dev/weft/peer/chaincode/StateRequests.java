package dev.weft.peer.chaincode;

import static dev.weft.peer.chaincode.ChaincodeRequests.parse;

import com.google.protobuf.ByteString;
import dev.weft.peer.config.RuntimeParams;
import dev.weft.peer.config.Setting;
import dev.weft.peer.ledger.TxSimulator;
import java.util.Map;
import java.util.SortedMap;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateMetadata;
import org.hyperledger.fabric.protos.peer.GetStateMultiple;
import org.hyperledger.fabric.protos.peer.GetStateMultipleResult;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.PutStateMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadata;
import org.hyperledger.fabric.protos.peer.StateMetadataResult;
import org.hyperledger.fabric.protos.peer.WriteBatchState;
import org.hyperledger.fabric.protos.peer.WriteRecord;

/**
 * Reads and writes of single keys: GET_STATE, GET_STATE_MULTIPLE, PUT_STATE, DEL_STATE,
 * WRITE_BATCH_STATE, GET_STATE_METADATA, PUT_STATE_METADATA, and the private-data variants (which
 * are refused for now). Each returns the RESPONSE payload.
 */
final class StateRequests {

  private final RuntimeParams params;

  StateRequests(RuntimeParams params) {
    this.params = params;
  }

  ByteString getState(ChaincodeMessage request, TransactionContext context) {
    GetState get = parse(GetState.parser(), request);
    PrivateDataUnsupported.check(get.getCollection(), context);
    return context.simulator().getState(context.namespace(), get.getKey());
  }

  ByteString getStateMultiple(ChaincodeMessage request, TransactionContext context) {
    GetStateMultiple get = parse(GetStateMultiple.parser(), request);
    PrivateDataUnsupported.check(get.getCollection(), context);
    if (get.getKeysCount() > params.maxSizeGetMultipleKeys()) {
      throw new ChaincodeException(
          overLimit(
              get.getKeysCount() + " keys",
              params.maxSizeGetMultipleKeys(),
              "keys",
              Setting.CHAINCODE_MAX_SIZE_GET_MULTIPLE_KEYS));
    }
    return GetStateMultipleResult.newBuilder()
        .addAllValues(context.simulator().getStateMultiple(context.namespace(), get.getKeysList()))
        .build()
        .toByteString();
  }

  ByteString putState(ChaincodeMessage request, TransactionContext context) {
    PutState put = parse(PutState.parser(), request);
    put(put.getKey(), put.getValue(), put.getCollection(), context);
    return ByteString.EMPTY;
  }

  ByteString delState(ChaincodeMessage request, TransactionContext context) {
    DelState del = parse(DelState.parser(), request);
    delete(del.getKey(), del.getCollection(), context);
    return ByteString.EMPTY;
  }

  ByteString getStateMetadata(ChaincodeMessage request, TransactionContext context) {
    GetStateMetadata get = parse(GetStateMetadata.parser(), request);
    PrivateDataUnsupported.check(get.getCollection(), context);
    SortedMap<String, ByteString> metadata =
        context.simulator().getStateMetadata(context.namespace(), get.getKey());
    StateMetadataResult.Builder result = StateMetadataResult.newBuilder();
    metadata.forEach(
        (name, value) ->
            result.addEntries(StateMetadata.newBuilder().setMetakey(name).setValue(value)));
    return result.build().toByteString();
  }

  ByteString putStateMetadata(ChaincodeMessage request, TransactionContext context) {
    PutStateMetadata put = parse(PutStateMetadata.parser(), request);
    putMetadata(put.getKey(), put.getCollection(), put.hasMetadata(), put.getMetadata(), context);
    return ByteString.EMPTY;
  }

  /** GET_PRIVATE_DATA_HASH: always names a collection, so always refused for now. */
  ByteString getPrivateDataHash(ChaincodeMessage request, TransactionContext context) {
    GetState get = parse(GetState.parser(), request);
    PrivateDataUnsupported.check(get.getCollection(), context);
    throw new ChaincodeException("GET_PRIVATE_DATA_HASH needs a collection");
  }

  /** PURGE_PRIVATE_DATA: its payload is a DelState, as in Fabric. */
  ByteString purgePrivateData(ChaincodeMessage request, TransactionContext context) {
    DelState purge = parse(DelState.parser(), request);
    purge(purge.getCollection(), context);
    return ByteString.EMPTY;
  }

  /**
   * WRITE_BATCH_STATE: applies the records in order with the semantics of the single messages; the
   * first failing record ends the request, and the records before it stay applied, as in Fabric.
   */
  ByteString writeBatch(ChaincodeMessage request, TransactionContext context) {
    WriteBatchState batch = parse(WriteBatchState.parser(), request);
    if (batch.getRecCount() > params.maxSizeWriteBatch()) {
      throw new ChaincodeException(
          overLimit(
              batch.getRecCount() + " records",
              params.maxSizeWriteBatch(),
              "records",
              Setting.CHAINCODE_MAX_SIZE_WRITE_BATCH));
    }
    for (WriteRecord record : batch.getRecList()) {
      switch (record.getType()) {
        case PUT_STATE -> put(record.getKey(), record.getValue(), record.getCollection(), context);
        case DEL_STATE -> delete(record.getKey(), record.getCollection(), context);
        case PUT_STATE_METADATA ->
            putMetadata(
                record.getKey(),
                record.getCollection(),
                record.hasMetadata(),
                record.getMetadata(),
                context);
        case PURGE_PRIVATE_DATA -> purge(record.getCollection(), context);
        default -> throw new ChaincodeException("unknown operation type " + record.getType());
      }
    }
    return ByteString.EMPTY;
  }

  private static void put(
      String key, ByteString value, String collection, TransactionContext context) {
    PrivateDataUnsupported.check(collection, context);
    context.simulator().setState(context.namespace(), key, value);
  }

  private static void delete(String key, String collection, TransactionContext context) {
    PrivateDataUnsupported.check(collection, context);
    context.simulator().deleteState(context.namespace(), key);
  }

  private static void putMetadata(
      String key,
      String collection,
      boolean present,
      StateMetadata metadata,
      TransactionContext context) {
    if (!present) {
      throw new ChaincodeException("PUT_STATE_METADATA for key '" + key + "' carries no metadata");
    }
    PrivateDataUnsupported.check(collection, context);
    TxSimulator simulator = context.simulator();
    simulator.setStateMetadata(
        context.namespace(), key, Map.of(metadata.getMetakey(), metadata.getValue()));
  }

  private static void purge(String collection, TransactionContext context) {
    if (collection.isEmpty()) {
      throw new ChaincodeException("only applicable for private data");
    }
    PrivateDataUnsupported.check(collection, context);
  }

  private static String overLimit(String what, int limit, String unit, Setting setting) {
    return what
        + " in one request, more than the "
        + limit
        + " "
        + unit
        + " this peer announced in READY ("
        + setting.key()
        + "); send them in smaller requests";
  }
}
