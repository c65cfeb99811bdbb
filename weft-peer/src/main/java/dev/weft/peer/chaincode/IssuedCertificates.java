package dev.weft.peer.chaincode;

import com.google.protobuf.ByteString;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which chaincode id each client certificate was issued for, by the SHA-256 hash of the
 * certificate, as Fabric's access control maps them. An entry is forgotten {@link #TIME_TO_LIVE}
 * after it was issued, as in Fabric: a launched chaincode registers well within that time, and the
 * map does not grow with every launch. Expired entries are dropped when they are looked up and
 * whenever a certificate is recorded, so no timer thread is needed.
 */
final class IssuedCertificates {

  /** Fabric's {@code ttl} in {@code core/chaincode/accesscontrol/mapper.go}. */
  static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);

  private record Entry(String chaincodeId, Instant expiry) {}

  private final Clock clock;
  private final Map<ByteString, Entry> byHash = new ConcurrentHashMap<>();

  IssuedCertificates(Clock clock) {
    this.clock = clock;
  }

  /** Records that the certificate with this hash was issued for {@code chaincodeId}. */
  void record(ByteString certificateHash, String chaincodeId) {
    Instant now = clock.instant();
    byHash.values().removeIf(entry -> !entry.expiry().isAfter(now));
    byHash.put(certificateHash, new Entry(chaincodeId, now.plus(TIME_TO_LIVE)));
  }

  /** The chaincode id the certificate with this hash was issued for, unless forgotten. */
  Optional<String> chaincodeId(ByteString certificateHash) {
    Entry entry = byHash.get(certificateHash);
    if (entry == null) {
      return Optional.empty();
    }
    if (!entry.expiry().isAfter(clock.instant())) {
      byHash.remove(certificateHash, entry);
      return Optional.empty();
    }
    return Optional.of(entry.chaincodeId());
  }
}
