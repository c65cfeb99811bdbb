package dev.weft.shim;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Map;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.Test;

class KeyEndorsementPolicyTest {

  @Test
  void thePolicyRequiresOneSignatureFromEachOrgSortedByMspId()
      throws InvalidProtocolBufferException {
    byte[] bytes =
        KeyEndorsementPolicy.empty()
            .withOrgs(KeyEndorsementPolicy.Role.PEER, "Org2MSP", "Org1MSP")
            .toBytes();
    SignaturePolicyEnvelope envelope = SignaturePolicyEnvelope.parseFrom(bytes);
    assertThat(envelope.getRule().getNOutOf().getN()).isEqualTo(2);
    assertThat(envelope.getRule().getNOutOf().getRulesList())
        .containsExactly(
            SignaturePolicy.newBuilder().setSignedBy(0).build(),
            SignaturePolicy.newBuilder().setSignedBy(1).build());
    assertThat(envelope.getIdentitiesList())
        .extracting(KeyEndorsementPolicyTest::mspId)
        .containsExactly("Org1MSP", "Org2MSP");
    assertThat(envelope.getIdentities(0).getPrincipalClassification())
        .isEqualTo(MSPPrincipal.Classification.ROLE);
  }

  @Test
  void aParsedPolicyCanBeChangedAndWrittenBack() {
    KeyEndorsementPolicy policy =
        KeyEndorsementPolicy.parse(
                KeyEndorsementPolicy.empty()
                    .withOrgs(KeyEndorsementPolicy.Role.MEMBER, "Org1MSP", "Org2MSP")
                    .toBytes())
            .withoutOrgs("Org1MSP")
            .withOrgs(KeyEndorsementPolicy.Role.ADMIN, "Org3MSP");
    assertThat(policy.orgs())
        .isEqualTo(
            Map.of(
                "Org2MSP", KeyEndorsementPolicy.Role.MEMBER,
                "Org3MSP", KeyEndorsementPolicy.Role.ADMIN));
    assertThat(KeyEndorsementPolicy.parse(policy.toBytes())).isEqualTo(policy);
    assertThat(KeyEndorsementPolicy.parse(new byte[0]).orgs()).isEmpty();
  }

  private static String mspId(MSPPrincipal principal) {
    try {
      return MSPRole.parseFrom(principal.getPrincipal()).getMspIdentifier();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
