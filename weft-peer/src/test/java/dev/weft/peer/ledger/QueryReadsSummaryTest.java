package dev.weft.peer.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.junit.jupiter.api.Test;

class QueryReadsSummaryTest {

  @Test
  void noReadsLeaveTheReadsInfoUnset() {
    RangeQueryInfo.Builder info = RangeQueryInfo.newBuilder();
    new QueryReadsSummary().fill(info);
    assertThat(info.getReadsInfoCase()).isEqualTo(RangeQueryInfo.ReadsInfoCase.READSINFO_NOT_SET);
  }

  @Test
  void upToFiftyReadsAreRecordedRaw() {
    List<KVRead> reads = reads(50);
    RangeQueryInfo.Builder info = RangeQueryInfo.newBuilder();
    QueryReadsSummary summary = new QueryReadsSummary();
    reads.forEach(summary::add);
    summary.fill(info);
    assertThat(info.getRawReads().getKvReadsList()).isEqualTo(reads);
  }

  @Test
  void moreThanFiftyReadsBecomeLeavesOfFiftyOneReadsEach() throws Exception {
    List<KVRead> reads = reads(120);
    RangeQueryInfo.Builder info = RangeQueryInfo.newBuilder();
    QueryReadsSummary summary = new QueryReadsSummary();
    reads.forEach(summary::add);
    summary.fill(info);

    assertThat(info.getReadsMerkleHashes().getMaxDegree()).isEqualTo(50);
    assertThat(info.getReadsMerkleHashes().getMaxLevel()).isEqualTo(1);
    assertThat(info.getReadsMerkleHashes().getMaxLevelHashesList())
        .containsExactly(
            hash(reads.subList(0, 51)),
            hash(reads.subList(51, 102)),
            hash(reads.subList(102, 120)));
  }

  @Test
  void fiftyOneLeavesAreCombinedIntoOneNodeOfTheNextLevel() throws Exception {
    List<KVRead> reads = reads(51 * 51);
    RangeQueryInfo.Builder info = RangeQueryInfo.newBuilder();
    QueryReadsSummary summary = new QueryReadsSummary();
    reads.forEach(summary::add);
    summary.fill(info);

    ByteString leaves = ByteString.EMPTY;
    for (int i = 0; i < 51; i++) {
      leaves = leaves.concat(hash(reads.subList(i * 51, (i + 1) * 51)));
    }
    assertThat(info.getReadsMerkleHashes().getMaxLevel()).isEqualTo(2);
    assertThat(info.getReadsMerkleHashes().getMaxLevelHashesList()).containsExactly(sha256(leaves));
  }

  private static List<KVRead> reads(int count) {
    List<KVRead> reads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      reads.add(
          KVRead.newBuilder()
              .setKey(String.format("key%05d", i))
              .setVersion(new Height(1, i).toProto())
              .build());
    }
    return reads;
  }

  private static ByteString hash(List<KVRead> reads) throws Exception {
    return sha256(QueryReads.newBuilder().addAllKvReads(reads).build().toByteString());
  }

  private static ByteString sha256(ByteString data) throws Exception {
    return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(data.toByteArray()));
  }
}
