package dev.weft.peer.policy;

/**
 * A policy of a channel: a signature policy or an implicit-meta policy over sub-policies.
 * Implementations are immutable and thread-safe.
 */
public interface Policy {

  /**
   * Throws a {@link PolicyException} saying why, if {@code signatures} do not satisfy this policy.
   */
  void evaluate(SignatureSet signatures);

  /** Whether {@code signatures} satisfy this policy. */
  default boolean isSatisfiedBy(SignatureSet signatures) {
    try {
      evaluate(signatures);
      return true;
    } catch (PolicyException e) {
      return false;
    }
  }

  /** The policy that nothing satisfies, for a name that resolves to no policy. */
  static Policy rejectAll(String name) {
    return signatures -> {
      throw new PolicyException("no such policy: '" + name + "'");
    };
  }
}
