package dev.weft.peer.config;

/**
 * What the peer announces to every chaincode in the READY message ({@code
 * ChaincodeAdditionalParams}, Fabric 3.1): whether it accepts batched writes and multi-key reads,
 * and their largest sizes. The peer also refuses batches larger than it announced.
 *
 * @param useWriteBatch chaincode may send WRITE_BATCH_STATE
 * @param maxSizeWriteBatch most records in one WRITE_BATCH_STATE
 * @param useGetMultipleKeys chaincode may send GET_STATE_MULTIPLE
 * @param maxSizeGetMultipleKeys most keys in one GET_STATE_MULTIPLE
 */
public record RuntimeParams(
    boolean useWriteBatch,
    int maxSizeWriteBatch,
    boolean useGetMultipleKeys,
    int maxSizeGetMultipleKeys) {

  /**
   * Fabric's Go shim never sends batches smaller than 100 (it raises a smaller announcement to
   * 100), so a smaller limit would reject a correct chaincode.
   */
  public static final int SMALLEST_BATCH = 100;

  public RuntimeParams {
    if (maxSizeWriteBatch < SMALLEST_BATCH) {
      throw new IllegalArgumentException(
          Setting.CHAINCODE_MAX_SIZE_WRITE_BATCH.key() + " must be at least " + SMALLEST_BATCH);
    }
    if (maxSizeGetMultipleKeys < SMALLEST_BATCH) {
      throw new IllegalArgumentException(
          Setting.CHAINCODE_MAX_SIZE_GET_MULTIPLE_KEYS.key()
              + " must be at least "
              + SMALLEST_BATCH);
    }
  }
}
