package dev.weft.peer.ledger;

import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version;

/**
 * The version of a committed value: the block that wrote it and the transaction's index in that
 * block.
 *
 * @param blockNum block number
 * @param txNum index of the writing transaction inside its block
 */
public record Height(long blockNum, long txNum) implements Comparable<Height> {

  public Height {
    if (blockNum < 0 || txNum < 0) {
      throw new IllegalArgumentException("negative height " + blockNum + ":" + txNum);
    }
  }

  /** The read-write set form of this version. */
  public Version toProto() {
    return Version.newBuilder().setBlockNum(blockNum).setTxNum(txNum).build();
  }

  @Override
  public int compareTo(Height other) {
    int byBlock = Long.compare(blockNum, other.blockNum);
    return byBlock != 0 ? byBlock : Long.compare(txNum, other.txNum);
  }

  @Override
  public String toString() {
    return blockNum + ":" + txNum;
  }
}
