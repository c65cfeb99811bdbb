package dev.weft.peer.ledger;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReadsMerkleSummary;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;

/**
 * The reads of one range query as Fabric records them for phantom validation: up to 50 reads are
 * kept as they are; beyond that they are summarised as a Merkle tree of SHA-256 hashes with 50
 * children per node (Fabric's {@code maxDegreeQueryReadsHashing}).
 *
 * <p>The tree is built exactly as Fabric builds it, including its quirks, because the committer
 * recomputes it and compares bytes: reads are buffered until the buffer exceeds the degree, then
 * its {@code QueryReads} encoding is hashed into a leaf; a level that exceeds the degree is hashed
 * into one node of the next level.
 */
final class QueryReadsSummary {

  static final int MAX_DEGREE = 50;

  private List<KVRead> pending = new ArrayList<>();
  private final Map<Integer, List<ByteString>> levels = new HashMap<>();
  private int maxLevel = 1;

  void add(KVRead read) {
    pending.add(read);
    if (pending.size() > MAX_DEGREE) {
      hashPendingIntoLeaf();
    }
  }

  /** Sets the reads information of {@code info}: raw reads, a Merkle summary, or nothing. */
  void fill(RangeQueryInfo.Builder info) {
    if (treeIsEmpty()) {
      if (!pending.isEmpty()) {
        info.setRawReads(QueryReads.newBuilder().addAllKvReads(pending));
      }
      return;
    }
    if (!pending.isEmpty()) {
      hashPendingIntoLeaf();
    }
    collapseLevels();
    info.setReadsMerkleHashes(
        QueryReadsMerkleSummary.newBuilder()
            .setMaxDegree(MAX_DEGREE)
            .setMaxLevel(maxLevel)
            .addAllMaxLevelHashes(levels.getOrDefault(maxLevel, List.of())));
  }

  private boolean treeIsEmpty() {
    return maxLevel == 1 && levels.getOrDefault(1, List.of()).isEmpty();
  }

  private void hashPendingIntoLeaf() {
    ByteString leaf = sha256(QueryReads.newBuilder().addAllKvReads(pending).build().toByteString());
    pending = new ArrayList<>();
    level(1).add(leaf);
    int current = 1;
    while (level(current).size() > MAX_DEGREE) {
      ByteString combined = sha256(concat(levels.remove(current)));
      current++;
      level(current).add(combined);
      maxLevel = Math.max(maxLevel, current);
    }
  }

  private void collapseLevels() {
    for (int current = 1; current < maxLevel; current++) {
      List<ByteString> hashes = levels.remove(current);
      if (hashes == null || hashes.isEmpty()) {
        continue;
      }
      level(current + 1).add(hashes.size() == 1 ? hashes.get(0) : sha256(concat(hashes)));
    }
    List<ByteString> top = level(maxLevel);
    if (top.size() > MAX_DEGREE) {
      levels.remove(maxLevel);
      maxLevel++;
      level(maxLevel).add(sha256(concat(top)));
    }
  }

  private List<ByteString> level(int number) {
    return levels.computeIfAbsent(number, n -> new ArrayList<>());
  }

  private static ByteString concat(List<ByteString> hashes) {
    ByteString all = ByteString.EMPTY;
    for (ByteString hash : hashes) {
      all = all.concat(hash);
    }
    return all;
  }

  private static ByteString sha256(ByteString data) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(data.asReadOnlyByteBuffer());
      return ByteString.copyFrom(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
