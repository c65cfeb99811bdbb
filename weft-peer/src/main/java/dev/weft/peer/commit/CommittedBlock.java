package dev.weft.peer.commit;

import com.google.protobuf.ByteString;
import java.util.List;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A block as committed: the validation code of each of its transactions, in block order.
 *
 * @param number the block number
 * @param validationCodes one per transaction
 */
public record CommittedBlock(long number, List<TxValidationCode> validationCodes) {

  public CommittedBlock {
    validationCodes = List.copyOf(validationCodes);
  }

  /** The block's TRANSACTIONS_FILTER metadata: one byte per transaction, its validation code. */
  public ByteString transactionsFilter() {
    byte[] filter = new byte[validationCodes.size()];
    for (int i = 0; i < filter.length; i++) {
      filter[i] = (byte) validationCodes.get(i).getNumber();
    }
    return ByteString.copyFrom(filter);
  }
}
