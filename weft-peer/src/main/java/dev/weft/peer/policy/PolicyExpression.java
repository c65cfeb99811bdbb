package dev.weft.peer.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;

/**
 * Fabric's signature policy language, as {@code configtx.yaml}, {@code peer lifecycle} and the SDKs
 * write it: {@code AND(...)}, {@code OR(...)}, {@code OutOf(n, ...)} (also all-lowercase or
 * all-uppercase) over principals {@code '<MSP id>.<role>'} with role member, admin, client, peer or
 * orderer, in single or double quotes.
 *
 * <p>The envelope is the one Fabric's {@code policydsl} produces, byte for byte: one identity per
 * principal occurrence (no de-duplication), numbered the way its evaluator reaches them — the
 * principals of nested gates before those of the enclosing gate, so {@code AND('A.member',
 * OR('B.member', 'C.member'))} lists B, C, then A.
 */
public final class PolicyExpression {

  private static final Pattern PRINCIPAL =
      Pattern.compile("^([A-Za-z0-9.\\-]+)\\.(member|admin|client|peer|orderer)$");

  /** A parsed argument: a principal string, a number, or a nested gate. */
  private sealed interface Node permits Text, Gate {}

  private record Text(String value, boolean quoted) implements Node {}

  private record Gate(String name, List<Node> args) implements Node {}

  private final String source;
  private int pos;

  private PolicyExpression(String source) {
    this.source = source;
  }

  /** Parses {@code expression} into the envelope Fabric would produce. */
  public static SignaturePolicyEnvelope parse(String expression) {
    PolicyExpression parser = new PolicyExpression(expression);
    Node root = parser.node();
    parser.skipSpace();
    if (parser.pos != expression.length()) {
      throw parser.error("unexpected '" + expression.substring(parser.pos) + "'");
    }
    if (!(root instanceof Gate gate)) {
      throw new PolicyException("invalid policy string '" + expression + "'");
    }
    List<MSPPrincipal> principals = new ArrayList<>();
    SignaturePolicy rule = compile(gate, principals);
    return SignaturePolicyEnvelope.newBuilder()
        .setVersion(0)
        .setRule(rule)
        .addAllIdentities(principals)
        .build();
  }

  private static SignaturePolicy compile(Gate gate, List<MSPPrincipal> principals) {
    List<Node> args = gate.args();
    int threshold;
    List<Node> operands;
    switch (gate.name()) {
      case "AND", "And", "and" -> {
        threshold = args.size();
        operands = args;
      }
      case "OR", "Or", "or" -> {
        threshold = 1;
        operands = args;
      }
      default -> {
        if (args.isEmpty()) {
          throw new PolicyException("expected at least two arguments to NOutOf. Given 0");
        }
        threshold = number(args.get(0));
        operands = args.subList(1, args.size());
      }
    }
    if (operands.isEmpty()) {
      throw new PolicyException(
          "expected at least two arguments to NOutOf. Given " + (operands.size() + 1));
    }
    int n = operands.size();
    if (threshold < 0 || threshold > n + 1) {
      throw new PolicyException("invalid t-out-of-n predicate, t " + threshold + ", n " + n);
    }
    // Fabric's evaluator runs nested gates before the enclosing one numbers its own principals.
    List<SignaturePolicy> nested = new ArrayList<>();
    for (Node operand : operands) {
      if (operand instanceof Gate inner) {
        nested.add(compile(inner, principals));
      }
    }
    SignaturePolicy.NOutOf.Builder outOf = SignaturePolicy.NOutOf.newBuilder().setN(threshold);
    int nextNested = 0;
    for (Node operand : operands) {
      if (operand instanceof Gate) {
        outOf.addRules(nested.get(nextNested++));
      } else {
        principals.add(principal((Text) operand));
        outOf.addRules(SignaturePolicy.newBuilder().setSignedBy(principals.size() - 1));
      }
    }
    return SignaturePolicy.newBuilder().setNOutOf(outOf).build();
  }

  private static MSPPrincipal principal(Text text) {
    Matcher m = PRINCIPAL.matcher(text.value());
    if (!text.quoted() || !m.matches()) {
      throw new PolicyException(
          text.quoted()
              ? "error parsing principal " + text.value()
              : "unrecognized token '" + text.value() + "' in policy string");
    }
    MSPRole.MSPRoleType role =
        switch (m.group(2)) {
          case "member" -> MSPRole.MSPRoleType.MEMBER;
          case "admin" -> MSPRole.MSPRoleType.ADMIN;
          case "client" -> MSPRole.MSPRoleType.CLIENT;
          case "peer" -> MSPRole.MSPRoleType.PEER;
          default -> MSPRole.MSPRoleType.ORDERER;
        };
    return MSPPrincipal.newBuilder()
        .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
        .setPrincipal(
            MSPRole.newBuilder().setMspIdentifier(m.group(1)).setRole(role).build().toByteString())
        .build();
  }

  private static int number(Node node) {
    if (node instanceof Text text) {
      try {
        return Integer.parseInt(text.value().trim());
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new PolicyException("the first argument of OutOf must be a number");
  }

  private Node node() {
    skipSpace();
    if (pos >= source.length()) {
      throw error("unexpected end of policy");
    }
    char c = source.charAt(pos);
    if (c == '\'' || c == '"') {
      int end = source.indexOf(c, pos + 1);
      if (end < 0) {
        throw error("unterminated string");
      }
      String value = source.substring(pos + 1, end);
      pos = end + 1;
      return new Text(value, true);
    }
    int start = pos;
    while (pos < source.length()
        && (Character.isLetterOrDigit(source.charAt(pos))
            || source.charAt(pos) == '.'
            || source.charAt(pos) == '-'
            || source.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos) {
      throw error("unexpected '" + c + "'");
    }
    String word = source.substring(start, pos);
    skipSpace();
    if (pos < source.length() && source.charAt(pos) == '(') {
      if (!isGate(word)) {
        throw new PolicyException("unrecognized token '" + word + "' in policy string");
      }
      pos++;
      List<Node> args = new ArrayList<>();
      skipSpace();
      if (pos < source.length() && source.charAt(pos) == ')') {
        pos++;
        return new Gate(word, args);
      }
      while (true) {
        args.add(node());
        skipSpace();
        if (pos < source.length() && source.charAt(pos) == ',') {
          pos++;
        } else if (pos < source.length() && source.charAt(pos) == ')') {
          pos++;
          return new Gate(word, args);
        } else {
          throw error("expected ',' or ')'");
        }
      }
    }
    if (!word.chars().allMatch(Character::isDigit)) {
      throw new PolicyException("unrecognized token '" + word + "' in policy string");
    }
    return new Text(word, false);
  }

  private static boolean isGate(String word) {
    return switch (word) {
      case "AND", "And", "and", "OR", "Or", "or", "OutOf", "outof", "OUTOF" -> true;
      default -> false;
    };
  }

  private void skipSpace() {
    while (pos < source.length() && Character.isWhitespace(source.charAt(pos))) {
      pos++;
    }
  }

  private PolicyException error(String what) {
    return new PolicyException(
        "invalid policy string '" + source + "': " + what + " at position " + pos);
  }
}
