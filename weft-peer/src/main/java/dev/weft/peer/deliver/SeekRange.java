package dev.weft.peer.deliver;

import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;

/**
 * The blocks a seek asks for, resolved against the chain when the request arrives, as Fabric's
 * deliver handler resolves them. Block numbers are unsigned 64-bit, as on the wire: clients ask for
 * "every block from n on" with a stop of 2^64 - 1.
 *
 * <p>Start: oldest is block 0; newest the last block; a specified block must not be beyond the next
 * one; next-commit is the next block. Stop: oldest means the start block; newest means the start
 * block when start is newest too, otherwise the last block now; a specified block must not be
 * before the start. A next-commit stop, or none, leaves Fabric's stop number at 0, so such a stream
 * ends only after block 0. A stop before the start that is not specified (newest from next-commit
 * on) is never reached either: the stream goes on, as in Fabric.
 *
 * @param start the first block to send
 * @param stop the block after which the request is done
 */
record SeekRange(long start, long stop) {

  /**
   * @param seek the request's seek
   * @param first the first block held, or -1 if none
   * @param height the number of the next block
   */
  static SeekRange of(SeekInfo seek, long first, long height) throws Refusal {
    if (!seek.hasStart() || !seek.hasStop()) {
      throw new Refusal(Status.BAD_REQUEST, "the seek has no start or no stop");
    }
    long newest = Math.max(height - 1, 0);
    long start = start(seek.getStart(), newest, height);
    if (first > 0 && Long.compareUnsigned(start, first) < 0) {
      throw new Refusal(
          Status.NOT_FOUND, "block " + start + " is not held; the first block held is " + first);
    }
    long stop =
        switch (seek.getStop().getTypeCase()) {
          case OLDEST -> start;
          case NEWEST -> seek.getStart().equals(seek.getStop()) ? start : newest;
          case SPECIFIED -> seek.getStop().getSpecified().getNumber();
          default -> 0;
        };
    if (seek.getStop().hasSpecified() && Long.compareUnsigned(stop, start) < 0) {
      throw new Refusal(
          Status.BAD_REQUEST,
          "start block "
              + Long.toUnsignedString(start)
              + " is after stop block "
              + Long.toUnsignedString(stop));
    }
    return new SeekRange(start, stop);
  }

  private static long start(SeekPosition position, long newest, long height) throws Refusal {
    return switch (position.getTypeCase()) {
      case OLDEST -> 0;
      case NEWEST -> newest;
      case NEXT_COMMIT -> height;
      case SPECIFIED -> {
        long number = position.getSpecified().getNumber();
        // Fabric serves or awaits blocks up to the next one; further on is not found.
        if (Long.compareUnsigned(number, height) > 0) {
          throw new Refusal(
              Status.NOT_FOUND,
              "block " + Long.toUnsignedString(number) + " is beyond the next block " + height);
        }
        yield number;
      }
      default -> throw new Refusal(Status.NOT_FOUND, "the seek's start has no position");
    };
  }
}
