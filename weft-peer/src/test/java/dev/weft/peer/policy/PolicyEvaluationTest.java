package dev.weft.peer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.weft.peer.msp.Msps;
import dev.weft.peer.msp.SigningIdentity;
import dev.weft.peer.testing.TestOrg;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyEvaluationTest {

  private static final ByteString DATA = ByteString.copyFromUtf8("the signed transaction");

  @TempDir static Path directory;
  private static TestOrg org1;
  private static TestOrg org2;
  private static TestOrg org3;
  private static Msps msps;

  @BeforeAll
  static void generate() {
    org1 = TestOrg.generate(directory, "org1.example.com", "Org1MSP");
    org2 = TestOrg.generate(directory, "org2.example.com", "Org2MSP");
    org3 = TestOrg.generate(directory, "org3.example.com", "Org3MSP");
    msps = new Msps(List.of(org1.msp(), org2.msp(), org3.msp()));
  }

  @Test
  void anAndOfTwoOrgsNeedsASignatureFromEach() {
    Policy policy = policy("AND('Org1MSP.peer', 'Org2MSP.peer')");
    assertThat(policy.isSatisfiedBy(signed(org1.peer(), org2.peer()))).isTrue();
    assertThat(policy.isSatisfiedBy(signed(org1.peer()))).isFalse();
    assertThat(policy.isSatisfiedBy(signed(org1.peer(), org2.user()))).isFalse();
    assertThatThrownBy(() -> policy.evaluate(signed(org1.peer())))
        .hasMessage("signature set did not satisfy policy");
  }

  @Test
  void eachSignatureCountsAtMostOnce() {
    Policy twoMembers = policy("AND('Org1MSP.member', 'Org1MSP.member')");
    assertThat(twoMembers.isSatisfiedBy(signed(org1.peer()))).isFalse();
    assertThat(twoMembers.isSatisfiedBy(signed(org1.peer(), org1.peer())))
        .as("the same identity twice is one signer")
        .isFalse();
    assertThat(twoMembers.isSatisfiedBy(signed(org1.peer(), org1.user()))).isTrue();
  }

  @Test
  void outOfCountsSatisfiedRulesAcrossNestedGates() {
    Policy policy =
        policy("OutOf(2, 'Org1MSP.peer', OR('Org2MSP.admin', 'Org2MSP.client'), 'Org3MSP.peer')");
    assertThat(policy.isSatisfiedBy(signed(org1.peer(), org3.peer()))).isTrue();
    assertThat(policy.isSatisfiedBy(signed(org2.user(), org3.peer()))).isTrue();
    assertThat(policy.isSatisfiedBy(signed(org2.peer(), org3.peer()))).isFalse();
    assertThat(policy.isSatisfiedBy(signed(org1.admin(), org2.peer(), org3.admin()))).isFalse();
  }

  @Test
  void rolesFollowNodeOus() {
    assertThat(policy("OR('Org1MSP.admin')").isSatisfiedBy(signed(org1.admin()))).isTrue();
    assertThat(policy("OR('Org1MSP.admin')").isSatisfiedBy(signed(org1.user()))).isFalse();
    assertThat(policy("OR('Org1MSP.client')").isSatisfiedBy(signed(org1.user()))).isTrue();
    assertThat(policy("OR('Org1MSP.client')").isSatisfiedBy(signed(org1.admin()))).isFalse();
    assertThat(policy("OR('Org1MSP.member')").isSatisfiedBy(signed(org1.admin()))).isTrue();
  }

  @Test
  void aBadSignatureOrAnUnknownOrInvalidSignerDoesNotCount() {
    Policy policy = policy("OR('Org1MSP.member')");
    SignedData good = signature(org1.user(), DATA);
    SignedData tampered =
        new SignedData(ByteString.copyFromUtf8("other data"), good.identity(), good.signature());
    assertThat(policy.isSatisfiedBy(SignatureSet.of(tampered))).isFalse();
    SignedData unknownMsp =
        signature(TestOrg.generate(directory, "org9.example.com", "Org9MSP").user(), DATA);
    assertThat(policy("OR('Org9MSP.member')").isSatisfiedBy(SignatureSet.of(unknownMsp))).isFalse();
    SigningIdentity early =
        org1.client(
            "Early@org1.example.com", Instant.now().minus(Duration.ofDays(9)), Duration.ofDays(90));
    assertThat(policy.isSatisfiedBy(signed(early))).isFalse();
    assertThat(policy.isSatisfiedBy(SignatureSet.of(List.of(tampered, good)))).isTrue();
  }

  @Test
  void implicitMetaPoliciesCountSatisfiedSubPolicies() {
    List<Policy> readers =
        List.of(
            policy("OR('Org1MSP.member')"),
            policy("OR('Org2MSP.member')"),
            policy("OR('Org3MSP.member')"));
    Policy any = new ImplicitMetaPolicy(ImplicitMetaPolicy.parse("ANY Readers"), readers);
    Policy majority = new ImplicitMetaPolicy(ImplicitMetaPolicy.parse("MAJORITY Readers"), readers);
    Policy all = new ImplicitMetaPolicy(ImplicitMetaPolicy.parse("ALL Readers"), readers);
    assertThat(any.isSatisfiedBy(signed(org2.user()))).isTrue();
    assertThat(majority.isSatisfiedBy(signed(org2.user()))).isFalse();
    assertThat(majority.isSatisfiedBy(signed(org2.user(), org3.peer()))).isTrue();
    assertThat(all.isSatisfiedBy(signed(org2.user(), org3.peer()))).isFalse();
    assertThat(all.isSatisfiedBy(signed(org1.admin(), org2.user(), org3.peer()))).isTrue();
    assertThatThrownBy(() -> majority.evaluate(signed(org1.peer())))
        .hasMessage(
            "implicit policy evaluation failed - 1 sub-policies were satisfied, but this policy"
                + " requires 2 of the 'Readers' sub-policies to be satisfied");
    Policy none = new ImplicitMetaPolicy(ImplicitMetaPolicy.parse("ALL Readers"), List.of());
    assertThat(none.isSatisfiedBy(SignatureSet.of(List.of()))).isTrue();
  }

  private static Policy policy(String expression) {
    return SignaturePolicy.of(PolicyExpression.parse(expression), msps);
  }

  private static SignatureSet signed(SigningIdentity... signers) {
    List<SignedData> data = new ArrayList<>();
    for (SigningIdentity signer : signers) {
      data.add(signature(signer, DATA));
    }
    return SignatureSet.of(data);
  }

  private static SignedData signature(SigningIdentity signer, ByteString data) {
    return new SignedData(
        data, signer.serialized(), ByteString.copyFrom(signer.sign(data.toByteArray())));
  }
}
