package dev.weft.peer.endorser;

import com.google.protobuf.ByteString;
import dev.weft.peer.msp.Identity;
import dev.weft.peer.msp.MspException;
import dev.weft.peer.msp.Msps;
import dev.weft.peer.policy.SignatureSet;
import dev.weft.peer.policy.SignedData;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks of a proposal that do not depend on the ledger, in Fabric's order and with its
 * messages: first the auth filters (creator certificate not expired, timestamp inside the time
 * window), then, once the proposal is unpacked and the channel known, {@code Validate}: header
 * type, epoch, nonce, creator, txid, creator valid in the channel's MSPs, and its signature.
 *
 * <p>Authorisation failures give the client a deliberately generic message ("access denied: channel
 * [..] creator org [..]"); the reason is logged.
 */
final class ProposalValidator {

  private static final Logger log = LoggerFactory.getLogger(ProposalValidator.class);

  private static final int EXPIRY_CACHE_LIMIT = 1_000;
  private static final int CACHED_CREATOR_MAX_BYTES = 16 * 1024;

  private final Clock clock;
  private final Duration timeWindow;
  // notAfter of creators seen, so that the expiry check does not parse a certificate per proposal
  private final Map<ByteString, Optional<Instant>> expiries = new ConcurrentHashMap<>();

  ProposalValidator(Clock clock, Duration timeWindow) {
    this.clock = clock;
    this.timeWindow = timeWindow;
  }

  /**
   * Fabric's auth filters ExpirationCheck and TimeWindowCheck, which run before the endorser: a
   * creator certificate past its notAfter, or a timestamp further than the time window from the
   * peer's clock, is refused. A header that cannot be read is left to the endorser's own checks.
   */
  void checkAuthentication(UnpackedProposal proposal) {
    Instant now = clock.instant();
    Optional<Instant> expiry = expiry(proposal.signatureHeader().getCreator());
    if (expiry.isPresent() && now.isAfter(expiry.get())) {
      throw new AuthenticationRejected("proposal client identity expired");
    }
    var timestamp = proposal.channelHeader().getTimestamp();
    Instant sent = Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    if (Duration.between(sent, now).abs().compareTo(timeWindow) > 0) {
      throw new AuthenticationRejected(
          "request unauthorized due to incorrect timestamp "
              + sent
              + ", peer time "
              + now
              + ", peer.authentication.timewindow "
              + timeWindow);
    }
  }

  /**
   * Fabric's {@code UnpackedProposal.Validate}; returns the creator, whose signature over the
   * proposal has been verified (the returned set holds that verification for the ACL check).
   */
  SignatureSet validate(UnpackedProposal proposal, Msps msps) {
    try {
      return check(proposal, msps);
    } catch (ProposalRejected e) {
      // Fabric's preProcess wraps every Validate failure so.
      throw new ProposalRejected("error validating proposal: " + e.getMessage());
    }
  }

  private SignatureSet check(UnpackedProposal proposal, Msps msps) {
    int type = proposal.channelHeader().getType();
    if (type != HeaderType.ENDORSER_TRANSACTION_VALUE && type != HeaderType.CONFIG_VALUE) {
      HeaderType known = HeaderType.forNumber(type);
      throw new ProposalRejected(
          "invalid header type " + (known == null ? String.valueOf(type) : known.name()));
    }
    if (proposal.channelHeader().getEpoch() != 0) {
      throw new ProposalRejected("epoch is non-zero");
    }
    ByteString nonce = proposal.signatureHeader().getNonce();
    ByteString creator = proposal.signatureHeader().getCreator();
    if (nonce.isEmpty()) {
      throw new ProposalRejected("nonce is empty");
    }
    if (creator.isEmpty()) {
      throw new ProposalRejected("creator is empty");
    }
    String expected = txId(nonce, creator);
    if (!proposal.txId().equals(expected)) {
      throw new ProposalRejected(
          "incorrectly computed txid '" + proposal.txId() + "' -- expected '" + expected + "'");
    }
    if (proposal.signedProposal().getProposalBytes().isEmpty()) {
      throw new ProposalRejected("empty proposal bytes");
    }
    if (proposal.signedProposal().getSignature().isEmpty()) {
      throw new ProposalRejected("empty signature bytes");
    }
    String channel = proposal.channelId();
    Identity identity;
    try {
      identity = msps.deserialize(creator);
    } catch (MspException e) {
      log.warn("access denied on channel [{}]: creator is malformed: {}", channel, e.getMessage());
      throw new ProposalRejected(
          "access denied: channel [" + channel + "] creator org unknown, creator is malformed");
    }
    String denied =
        "access denied: channel [" + channel + "] creator org [" + identity.mspId() + "]";
    try {
      msps.validate(identity);
    } catch (MspException e) {
      log.warn(
          "access denied on channel [{}]: identity {} is not valid: {}",
          channel,
          identity,
          e.getMessage());
      throw new ProposalRejected(denied);
    }
    SignatureSet signatures =
        SignatureSet.of(
            new SignedData(
                proposal.signedProposal().getProposalBytes(),
                creator,
                proposal.signedProposal().getSignature()));
    List<Identity> verified = signatures.verifiedIdentities(msps);
    if (verified.isEmpty()) {
      log.warn(
          "access denied on channel [{}]: the signature of {} over the proposal is not valid",
          channel,
          identity);
      throw new ProposalRejected(denied);
    }
    return signatures;
  }

  /** When the creator's certificate expires; empty if it cannot be read (Validate rejects it). */
  private Optional<Instant> expiry(ByteString creator) {
    Optional<Instant> cached = expiries.get(creator);
    if (cached != null) {
      return cached;
    }
    Optional<Instant> expiry;
    try {
      expiry = Optional.of(Identity.fromSerialized(creator).expiresAt());
    } catch (MspException e) {
      expiry = Optional.empty();
    }
    // Filled before the signature is checked: bounded, and only for creators of a usual size.
    if (creator.size() <= CACHED_CREATOR_MAX_BYTES) {
      if (expiries.size() >= EXPIRY_CACHE_LIMIT) {
        expiries.clear();
      }
      expiries.put(creator, expiry);
    }
    return expiry;
  }

  /** Fabric's txid: lowercase hex of SHA-256(nonce ‖ creator). */
  static String txId(ByteString nonce, ByteString creator) {
    MessageDigest sha256 = dev.weft.peer.msp.Ecdsa.sha256();
    sha256.update(nonce.asReadOnlyByteBuffer());
    sha256.update(creator.asReadOnlyByteBuffer());
    return HexFormat.of().formatHex(sha256.digest());
  }
}
