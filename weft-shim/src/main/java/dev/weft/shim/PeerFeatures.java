package dev.weft.shim;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.peer.ChaincodeAdditionalParams;

/**
 * What the peer announced in READY (Fabric 3.1's {@code ChaincodeAdditionalParams}): whether it
 * accepts WRITE_BATCH_STATE and GET_STATE_MULTIPLE, and their largest sizes. A peer that sends an
 * empty READY (Fabric before 3.1) supports neither.
 */
record PeerFeatures(
    boolean writeBatch, int maxWriteBatch, boolean getMultiple, int maxGetMultiple) {

  /** Used when the peer announces a feature without a size, as Fabric's Go shim does. */
  static final int DEFAULT_MAX_SIZE = 100;

  static final PeerFeatures NONE = new PeerFeatures(false, 0, false, 0);

  static PeerFeatures fromReadyPayload(ByteString payload) {
    if (payload.isEmpty()) {
      return NONE;
    }
    ChaincodeAdditionalParams params;
    try {
      params = ChaincodeAdditionalParams.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      return NONE;
    }
    return new PeerFeatures(
        params.getUseWriteBatch(),
        sizeOrDefault(params.getMaxSizeWriteBatch()),
        params.getUseGetMultipleKeys(),
        sizeOrDefault(params.getMaxSizeGetMultipleKeys()));
  }

  private static int sizeOrDefault(int announced) {
    return announced > 0 ? announced : DEFAULT_MAX_SIZE;
  }
}
