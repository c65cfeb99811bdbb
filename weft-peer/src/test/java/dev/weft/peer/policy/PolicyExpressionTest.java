package dev.weft.peer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.Test;

class PolicyExpressionTest {

  @Test
  void anOrOfRolesBecomesOneOutOfSignedByEachPrincipal() {
    SignaturePolicyEnvelope envelope =
        PolicyExpression.parse("OR('Org1MSP.admin', 'Org1MSP.peer', 'Org1MSP.client')");
    assertThat(envelope.getVersion()).isZero();
    assertThat(envelope.getRule()).isEqualTo(outOf(1, signedBy(0), signedBy(1), signedBy(2)));
    assertThat(envelope.getIdentitiesList())
        .containsExactly(
            role("Org1MSP", MSPRole.MSPRoleType.ADMIN),
            role("Org1MSP", MSPRole.MSPRoleType.PEER),
            role("Org1MSP", MSPRole.MSPRoleType.CLIENT));
  }

  @Test
  void nestedGatesNumberTheirPrincipalsBeforeTheEnclosingGateAsFabricsParserDoes() {
    SignaturePolicyEnvelope envelope =
        PolicyExpression.parse("AND('A.member', OR('B.peer', 'C.client'), 'D.admin')");
    assertThat(envelope.getIdentitiesList())
        .containsExactly(
            role("B", MSPRole.MSPRoleType.PEER),
            role("C", MSPRole.MSPRoleType.CLIENT),
            role("A", MSPRole.MSPRoleType.MEMBER),
            role("D", MSPRole.MSPRoleType.ADMIN));
    assertThat(envelope.getRule())
        .isEqualTo(outOf(3, signedBy(2), outOf(1, signedBy(0), signedBy(1)), signedBy(3)));
  }

  @Test
  void outOfTakesAThresholdAndRepeatedPrincipalsAreNotMerged() {
    SignaturePolicyEnvelope envelope =
        PolicyExpression.parse("OutOf(2, \"Org1.member\", 'Org1.member', 'org.two.orderer')");
    assertThat(envelope.getRule()).isEqualTo(outOf(2, signedBy(0), signedBy(1), signedBy(2)));
    assertThat(envelope.getIdentitiesList())
        .containsExactly(
            role("Org1", MSPRole.MSPRoleType.MEMBER),
            role("Org1", MSPRole.MSPRoleType.MEMBER),
            role("org.two", MSPRole.MSPRoleType.ORDERER));
    assertThat(PolicyExpression.parse("outof('1', 'A.peer')").getRule())
        .isEqualTo(outOf(1, signedBy(0)));
    assertThat(PolicyExpression.parse("and('A.peer')"))
        .isEqualTo(PolicyExpression.parse("AND('A.peer')"));
  }

  @Test
  void malformedExpressionsAreRejectedWithTheReason() {
    assertThatThrownBy(() -> PolicyExpression.parse("AND('Org1MSP.boss')"))
        .hasMessageContaining("error parsing principal Org1MSP.boss");
    assertThatThrownBy(() -> PolicyExpression.parse("XOR('A.peer')"))
        .hasMessageContaining("unrecognized token 'XOR'");
    assertThatThrownBy(() -> PolicyExpression.parse("OutOf(3, 'A.peer')"))
        .hasMessageContaining("invalid t-out-of-n predicate, t 3, n 1");
    assertThatThrownBy(() -> PolicyExpression.parse("AND()"))
        .hasMessageContaining("expected at least two arguments");
    assertThatThrownBy(() -> PolicyExpression.parse("AND('A.peer'"))
        .isInstanceOf(PolicyException.class);
    assertThatThrownBy(() -> PolicyExpression.parse("'A.peer'"))
        .hasMessageContaining("invalid policy string");
    assertThatThrownBy(() -> PolicyExpression.parse("OR('A.peer') junk"))
        .isInstanceOf(PolicyException.class);
  }

  @Test
  void implicitMetaRulesAreParsedFromConfigtxSyntax() {
    var any = ImplicitMetaPolicy.parse("ANY Readers");
    assertThat(any.getRule())
        .isEqualTo(org.hyperledger.fabric.protos.common.ImplicitMetaPolicy.Rule.ANY);
    assertThat(any.getSubPolicy()).isEqualTo("Readers");
    assertThat(ImplicitMetaPolicy.parse("MAJORITY Endorsement").getRule())
        .isEqualTo(org.hyperledger.fabric.protos.common.ImplicitMetaPolicy.Rule.MAJORITY);
    assertThatThrownBy(() -> ImplicitMetaPolicy.parse("SOME Readers"))
        .hasMessageContaining("unknown rule type 'SOME'");
    assertThatThrownBy(() -> ImplicitMetaPolicy.parse("ANY"))
        .hasMessageContaining("expected two space separated tokens");
  }

  static SignaturePolicy signedBy(int index) {
    return SignaturePolicy.newBuilder().setSignedBy(index).build();
  }

  static SignaturePolicy outOf(int n, SignaturePolicy... rules) {
    return SignaturePolicy.newBuilder()
        .setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(n).addAllRules(List.of(rules)))
        .build();
  }

  static MSPPrincipal role(String mspId, MSPRole.MSPRoleType role) {
    return MSPPrincipal.newBuilder()
        .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
        .setPrincipal(
            MSPRole.newBuilder().setMspIdentifier(mspId).setRole(role).build().toByteString())
        .build();
  }
}
