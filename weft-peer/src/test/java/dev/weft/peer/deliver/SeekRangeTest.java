package dev.weft.peer.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.peer.testing.DeliverRequests;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekNextCommit;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.junit.jupiter.api.Test;

/** Which blocks a seek asks for, on a chain of blocks 0 to 4 (the next block is 5). */
class SeekRangeTest {

  private static final long FIRST = 0;
  private static final long HEIGHT = 5;

  @Test
  void oldestToNewestIsTheWholeChainAsItIsNow() throws Refusal {
    assertThat(range(DeliverRequests.oldest(), DeliverRequests.newest()))
        .isEqualTo(new SeekRange(0, 4));
  }

  @Test
  void newestToNewestIsTheLastBlockOnly() throws Refusal {
    assertThat(range(DeliverRequests.newest(), DeliverRequests.newest()))
        .isEqualTo(new SeekRange(4, 4));
  }

  @Test
  void aStopAtOldestMeansTheStartBlockOnlyAsFabricCodesIt() throws Refusal {
    assertThat(range(DeliverRequests.block(3), DeliverRequests.oldest()))
        .isEqualTo(new SeekRange(3, 3));
  }

  @Test
  void aStopAtTwoToTheSixtyFourMinusOneIsEveryBlockFromTheStartOn() throws Refusal {
    // Fabric's peers ask their orderer for blocks this way.
    assertThat(range(DeliverRequests.block(5), DeliverRequests.block(-1L)))
        .isEqualTo(new SeekRange(5, -1L));
  }

  @Test
  void theNextCommitStartsAtTheNextBlockAndAsAStopLeavesFabricsStopAtZero() throws Refusal {
    SeekPosition nextCommit =
        SeekPosition.newBuilder().setNextCommit(SeekNextCommit.getDefaultInstance()).build();
    assertThat(range(nextCommit, DeliverRequests.block(7))).isEqualTo(new SeekRange(5, 7));
    assertThat(range(DeliverRequests.block(2), nextCommit)).isEqualTo(new SeekRange(2, 0));
  }

  @Test
  void aSpecifiedStopBeforeTheStartIsABadRequest() {
    assertThatThrownBy(() -> range(DeliverRequests.block(3), DeliverRequests.block(2)))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.status()).isEqualTo(Status.BAD_REQUEST));
  }

  @Test
  void aStartBeyondTheNextBlockIsNotFoundWhileTheNextBlockItselfIsAwaited() throws Refusal {
    assertThat(range(DeliverRequests.block(5), DeliverRequests.block(5)))
        .isEqualTo(new SeekRange(5, 5));
    assertThatThrownBy(() -> range(DeliverRequests.block(6), DeliverRequests.block(6)))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.status()).isEqualTo(Status.NOT_FOUND));
  }

  @Test
  void blocksBeforeTheFirstHeldAreNotFound() {
    assertThatThrownBy(
            () -> SeekRange.of(seek(DeliverRequests.oldest(), DeliverRequests.newest()), 3, HEIGHT))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.status()).isEqualTo(Status.NOT_FOUND));
  }

  @Test
  void aSeekWithoutStartOrStopIsABadRequest() {
    assertThatThrownBy(
            () ->
                SeekRange.of(
                    SeekInfo.newBuilder().setStart(DeliverRequests.oldest()).build(),
                    FIRST,
                    HEIGHT))
        .isInstanceOfSatisfying(
            Refusal.class, r -> assertThat(r.status()).isEqualTo(Status.BAD_REQUEST));
  }

  private static SeekRange range(SeekPosition start, SeekPosition stop) throws Refusal {
    return SeekRange.of(seek(start, stop), FIRST, HEIGHT);
  }

  private static SeekInfo seek(SeekPosition start, SeekPosition stop) {
    return SeekInfo.newBuilder().setStart(start).setStop(stop).build();
  }
}
