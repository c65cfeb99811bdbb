package dev.weft.peer.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.weft.peer.testing.TestOrg;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MspTest {

  @TempDir static Path directory;
  private static TestOrg org1;
  private static TestOrg impostor;
  private static Msp msp;

  @BeforeAll
  static void generate() {
    org1 = TestOrg.generate(directory.resolve("a"), "org1.example.com", "Org1MSP");
    // Same names and MSP id, but another CA: what an attacker can make.
    impostor = TestOrg.generate(directory.resolve("b"), "org1.example.com", "Org1MSP");
    msp = org1.msp();
  }

  @Test
  void theFolderIsReadAsFabricsVerifyingMspConfig() {
    FabricMSPConfig config = MspFolder.read(org1.layout().mspDirectory(), "Org1MSP");
    assertThat(config.getName()).isEqualTo("Org1MSP");
    assertThat(config.getRootCertsCount()).isEqualTo(1);
    assertThat(config.getTlsRootCertsCount()).isEqualTo(1);
    assertThat(config.getAdminsCount()).isZero();
    assertThat(config.getCryptoConfig().getSignatureHashFamily()).isEqualTo("SHA2");
    assertThat(config.getCryptoConfig().getIdentityIdentifierHashFunction()).isEqualTo("SHA256");
    assertThat(config.getFabricNodeOus().getEnable()).isTrue();
    assertThat(config.getFabricNodeOus().getPeerOuIdentifier().getOrganizationalUnitIdentifier())
        .isEqualTo("peer");
    assertThat(config.getFabricNodeOus().getAdminOuIdentifier().getCertificate())
        .isEqualTo(config.getRootCerts(0));
  }

  @Test
  void anIdentityIsDeserializedFromItsMspIdAndPem() {
    SigningIdentity user = org1.user();
    Identity identity = msp.deserialize(user.serialized());
    assertThat(identity.mspId()).isEqualTo("Org1MSP");
    assertThat(identity.organizationalUnits()).containsExactly("client");
    SerializedIdentity sid = SerializedIdentity.newBuilder().setMspid("Org1MSP").build();
    assertThat(ByteString.copyFrom(Pem.encode("CERTIFICATE", identity.certificateDer())))
        .isEqualTo(parse(user.serialized()).getIdBytes()); // id_bytes is the PEM as in signcerts
    assertThat(sid.getMspid()).isEqualTo(identity.mspId());
  }

  @Test
  void theHighSTwinOfACertificateIsTheSameIdentityAndSignerAsInFabric() throws Exception {
    SigningIdentity user = org1.user();
    Identity original = msp.deserialize(user.serialized());
    org.bouncycastle.asn1.x509.Certificate parsed =
        org.bouncycastle.asn1.x509.Certificate.getInstance(original.certificateDer());
    java.math.BigInteger[] rs = Ecdsa.decode(parsed.getSignature().getOctets());
    byte[] twinDer =
        new org.bouncycastle.asn1.DERSequence(
                new org.bouncycastle.asn1.ASN1Encodable[] {
                  parsed.getTBSCertificate(),
                  parsed.getSignatureAlgorithm(),
                  new org.bouncycastle.asn1.DERBitString(
                      Ecdsa.encode(rs[0], Ecdsa.P256.getN().subtract(rs[1])))
                })
            .getEncoded();
    ByteString twin = msp.serialize(Pem.encode("CERTIFICATE", twinDer));
    assertThat(twin).isNotEqualTo(user.serialized());

    Identity sameKey = msp.deserialize(twin);
    assertThat(sameKey.id()).isEqualTo(original.id());
    assertThat(sameKey.certificateDer()).isEqualTo(original.certificateDer());
    msp.validate(sameKey);
    // Two signatures by one key, under its certificate and the certificate's twin: one signer.
    byte[] data = "proposal".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ByteString signature = ByteString.copyFrom(user.sign(data));
    dev.weft.peer.policy.SignatureSet set =
        dev.weft.peer.policy.SignatureSet.of(
            List.of(
                new dev.weft.peer.policy.SignedData(
                    ByteString.copyFrom(data), user.serialized(), signature),
                new dev.weft.peer.policy.SignedData(ByteString.copyFrom(data), twin, signature)));
    assertThat(set.verifiedIdentities(new Msps(List.of(msp)))).hasSize(1);
  }

  @Test
  void aCertificateOnTheCasRevocationListIsNotValidAndOthersStayValid() {
    SigningIdentity user = org1.user();
    java.math.BigInteger serial = user.identity().certificate().getSerialNumber();
    byte[] crl = org1.ca().revocationList(List.of(serial), Instant.now());
    byte[] foreignCrl = impostor.ca().revocationList(List.of(serial), Instant.now());
    Msp revoking =
        Msp.fromConfig(
            MspFolder.read(org1.layout().mspDirectory(), "Org1MSP").toBuilder()
                .addRevocationList(ByteString.copyFrom(foreignCrl))
                .addRevocationList(ByteString.copyFrom(crl))
                .build());

    assertThatThrownBy(() -> revoking.validate(revoking.deserialize(user.serialized())))
        .isInstanceOf(MspException.class)
        .hasMessage("The certificate has been revoked");
    revoking.validate(revoking.deserialize(org1.admin().serialized()));
    // The same serial on a list another CA signed revokes nothing here.
    Msp foreign =
        Msp.fromConfig(
            MspFolder.read(org1.layout().mspDirectory(), "Org1MSP").toBuilder()
                .addRevocationList(ByteString.copyFrom(foreignCrl))
                .build());
    foreign.validate(foreign.deserialize(user.serialized()));
  }

  @Test
  void nodeOusEnabledWithoutAnyIdentifierAreOffAsInFabric() {
    FabricMSPConfig folder = MspFolder.read(org1.layout().mspDirectory(), "Org1MSP");
    Msp enabledButEmpty =
        Msp.fromConfig(
            folder.toBuilder()
                .setFabricNodeOus(FabricNodeOUs.newBuilder().setEnable(true))
                .addAdmins(
                    ByteString.copyFrom(
                        Pem.encode("CERTIFICATE", org1.admin().identity().certificateDer())))
                .build());
    assertThat(enabledButEmpty.nodeOusEnabled()).isFalse();
    enabledButEmpty.validate(enabledButEmpty.deserialize(org1.user().serialized()));
  }

  @Test
  void anMspWithoutAdministratorsOrAnAdminOuOrWithAForeignAdminIsRejectedAtSetup() {
    FabricMSPConfig folder = MspFolder.read(org1.layout().mspDirectory(), "Org1MSP");
    assertThatThrownBy(() -> Msp.fromConfig(folder.toBuilder().clearFabricNodeOus().build()))
        .isInstanceOf(MspException.class)
        .hasMessageContaining("administrators must be declared when no admin ou classification");
    assertThatThrownBy(
            () ->
                Msp.fromConfig(
                    folder.toBuilder()
                        .addAdmins(
                            ByteString.copyFrom(
                                Pem.encode(
                                    "CERTIFICATE", impostor.admin().identity().certificateDer())))
                        .build()))
        .isInstanceOf(MspException.class)
        .hasMessageContaining("admin 0 is invalid");
    assertThatThrownBy(
            () ->
                Msp.fromConfig(
                    folder.toBuilder()
                        .addAdmins(
                            ByteString.copyFrom(
                                Pem.encode("CERTIFICATE", org1.peer().identity().certificateDer())))
                        .build()))
        .hasMessageContaining("admin 0 is invalid: it carries neither the client nor the admin OU");
  }

  @Test
  void aCertificateWhoseExtendedKeyUsageExcludesServerAuthIsNotValidAsGoVerifiesIt()
      throws Exception {
    CertificateAuthority.Issued ca = org1.ca().certificate();
    var keys = CertificateAuthority.newKeyPair();
    Instant now = Instant.now();
    org.bouncycastle.cert.X509v3CertificateBuilder builder =
        new org.bouncycastle.cert.X509v3CertificateBuilder(
            new org.bouncycastle.cert.X509CertificateHolder(ca.certificateDer()).getSubject(),
            java.math.BigInteger.valueOf(42),
            java.util.Date.from(now.minusSeconds(60)),
            java.util.Date.from(now.plusSeconds(86_400)),
            new org.bouncycastle.asn1.x500.X500Name("C=US,OU=client,CN=clientAuthOnly"),
            org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
                keys.getPublic()));
    builder.addExtension(
        org.bouncycastle.asn1.x509.Extension.extendedKeyUsage,
        false,
        new org.bouncycastle.asn1.x509.ExtendedKeyUsage(
            org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth));
    byte[] der = builder.build(new LowSContentSigner(ca.privateKey())).getEncoded();
    Identity clientAuthOnly = msp.deserialize(msp.serialize(Pem.encode("CERTIFICATE", der)));

    assertThatThrownBy(() -> msp.validate(clientAuthOnly))
        .isInstanceOf(MspException.class)
        .hasMessageContaining("incompatible key usage");
  }

  @Test
  void identitiesIssuedByTheOrgsCaAreValid() {
    for (SigningIdentity id : List.of(org1.peer(), org1.admin(), org1.user())) {
      msp.validate(msp.deserialize(id.serialized()));
    }
  }

  @Test
  void anIdentityFromAnotherCaWithTheSameNamesIsNotValid() {
    Identity forged = msp.deserialize(impostor.user().serialized());
    assertThatThrownBy(() -> msp.validate(forged))
        .isInstanceOf(MspException.class)
        .hasMessageContaining("certificate signed by unknown authority");
    assertThat(msp.satisfies(forged, role("Org1MSP", MSPRole.MSPRoleType.MEMBER))).isFalse();
  }

  @Test
  void anExpiredCertificateIsStillAValidMemberAsInFabric() {
    SigningIdentity expired = org1.expiredClient("Expired@org1.example.com");
    Identity identity = msp.deserialize(expired.serialized());
    assertThat(identity.expiresAt()).isBefore(Instant.now());
    assertThat(msp.isValid(identity)).isTrue();
  }

  @Test
  void aCertificateIssuedBeforeItsCaWasValidIsNotValid() {
    SigningIdentity early =
        org1.client(
            "Early@org1.example.com",
            Instant.now().minus(Duration.ofDays(30)),
            Duration.ofDays(60));
    assertThatThrownBy(() -> msp.validate(msp.deserialize(early.serialized())))
        .hasMessageContaining("certificate signed by unknown authority");
  }

  @Test
  void nodeOusGiveRolesAndMemberCoversThemAll() {
    Identity peer = msp.deserialize(org1.peer().serialized());
    Identity admin = msp.deserialize(org1.admin().serialized());
    Identity user = msp.deserialize(org1.user().serialized());
    assertThat(msp.satisfies(peer, role("Org1MSP", MSPRole.MSPRoleType.PEER))).isTrue();
    assertThat(msp.satisfies(peer, role("Org1MSP", MSPRole.MSPRoleType.CLIENT))).isFalse();
    assertThat(msp.satisfies(peer, role("Org1MSP", MSPRole.MSPRoleType.ADMIN))).isFalse();
    assertThat(msp.satisfies(admin, role("Org1MSP", MSPRole.MSPRoleType.ADMIN))).isTrue();
    assertThat(msp.satisfies(admin, role("Org1MSP", MSPRole.MSPRoleType.CLIENT))).isFalse();
    assertThat(msp.satisfies(user, role("Org1MSP", MSPRole.MSPRoleType.CLIENT))).isTrue();
    assertThat(msp.satisfies(user, role("Org1MSP", MSPRole.MSPRoleType.ORDERER))).isFalse();
    for (Identity id : List.of(peer, admin, user)) {
      assertThat(msp.satisfies(id, role("Org1MSP", MSPRole.MSPRoleType.MEMBER))).isTrue();
      assertThat(msp.satisfies(id, role("Org2MSP", MSPRole.MSPRoleType.MEMBER))).isFalse();
    }
  }

  @Test
  void anIdentityWithTwoNodeOusOrNoneIsNotValid() {
    Instant now = Instant.now();
    SigningIdentity both =
        org1.issued("Both@org1.example.com", List.of("client", "peer"), now, Duration.ofDays(1));
    SigningIdentity none =
        org1.issued("None@org1.example.com", List.of("sales"), now, Duration.ofDays(1));
    assertThatThrownBy(() -> msp.validate(msp.deserialize(both.serialized())))
        .hasMessageContaining(
            "exactly one of the client, peer, orderer or admin OU roles, it has 2");
    assertThatThrownBy(() -> msp.validate(msp.deserialize(none.serialized())))
        .hasMessageContaining("it has 0");
  }

  @Test
  void aCaCertificateCannotBeAnIdentity() {
    byte[] caPem = org1.ca().certificate().certificatePem();
    assertThatThrownBy(() -> msp.validate(msp.deserialize(msp.serialize(caPem))))
        .hasMessageContaining("Certificate Authority equals true cannot be used as an identity");
  }

  @Test
  void adminCertsMakeAnAdminWithoutTheAdminOu() {
    FabricMSPConfig withAdmin =
        MspFolder.read(org1.layout().mspDirectory(), "Org1MSP").toBuilder()
            .addAdmins(parse(org1.user().serialized()).getIdBytes())
            .build();
    Msp listing = Msp.fromConfig(withAdmin);
    Identity user = listing.deserialize(org1.user().serialized());
    assertThat(listing.satisfies(user, role("Org1MSP", MSPRole.MSPRoleType.ADMIN))).isTrue();
  }

  @Test
  void organizationUnitAndIdentityPrincipalsAreMatched() throws Exception {
    Identity peer = msp.deserialize(org1.peer().serialized());
    byte[] ca = Pem.decode(org1.ca().certificate().certificatePem(), "CERTIFICATE");
    MSPPrincipal peerOu =
        MSPPrincipal.newBuilder()
            .setPrincipalClassification(MSPPrincipal.Classification.ORGANIZATION_UNIT)
            .setPrincipal(
                OrganizationUnit.newBuilder()
                    .setMspIdentifier("Org1MSP")
                    .setOrganizationalUnitIdentifier("peer")
                    .setCertifiersIdentifier(ByteString.copyFrom(Ecdsa.sha256(ca)))
                    .build()
                    .toByteString())
            .build();
    assertThat(msp.satisfies(peer, peerOu)).isTrue();
    assertThat(msp.satisfies(msp.deserialize(org1.user().serialized()), peerOu)).isFalse();
    MSPPrincipal exactly =
        MSPPrincipal.newBuilder()
            .setPrincipalClassification(MSPPrincipal.Classification.IDENTITY)
            .setPrincipal(org1.peer().serialized())
            .build();
    assertThat(msp.satisfies(peer, exactly)).isTrue();
    assertThat(msp.satisfies(msp.deserialize(org1.admin().serialized()), exactly)).isFalse();
    MSPPrincipal peerAndExactly =
        MSPPrincipal.newBuilder()
            .setPrincipalClassification(MSPPrincipal.Classification.COMBINED)
            .setPrincipal(
                org.hyperledger.fabric.protos.common.CombinedPrincipal.newBuilder()
                    .addPrincipals(role("Org1MSP", MSPRole.MSPRoleType.PEER))
                    .addPrincipals(exactly)
                    .build()
                    .toByteString())
            .build();
    assertThat(msp.satisfies(peer, peerAndExactly)).isTrue();
    assertThat(msp.satisfies(msp.deserialize(org1.user().serialized()), peerAndExactly)).isFalse();
  }

  @Test
  void malformedIdentitiesAreRejectedWithAReason() {
    assertThatThrownBy(() -> msp.deserialize(ByteString.copyFromUtf8("\u00ff\u00ff garbage")))
        .isInstanceOf(MspException.class);
    assertThatThrownBy(
            () -> msp.deserialize(msp.serialize("no pem".getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("could not decode pem");
    assertThatThrownBy(
            () ->
                msp.deserialize(org1.user().serialized().concat(ByteString.EMPTY).substring(0, 0)))
        .isInstanceOf(MspException.class);
    assertThatThrownBy(
            () ->
                msp.deserialize(
                    SerializedIdentity.newBuilder()
                        .setMspid("Org2MSP")
                        .setIdBytes(parse(org1.user().serialized()).getIdBytes())
                        .build()
                        .toByteString()))
        .hasMessageContaining("expected MSP ID Org1MSP, received Org2MSP");
  }

  @Test
  void theSigningIdentityOfALocalMspSignsWhatItsIdentityVerifies() throws Exception {
    SigningIdentity peer = SigningIdentity.load(org1.layout().peerMspDirectory(0), "Org1MSP");
    byte[] data = "endorse me".getBytes(StandardCharsets.UTF_8);
    byte[] signature = peer.sign(data);
    assertThat(peer.identity().verify(data, signature)).isTrue();
    assertThat(peer.serialized())
        .isEqualTo(
            SerializedIdentity.newBuilder()
                .setMspid("Org1MSP")
                .setIdBytes(
                    ByteString.copyFrom(
                        Files.readAllBytes(
                            org1.layout()
                                .peerMspDirectory(0)
                                .resolve("signcerts/peer0.org1.example.com-cert.pem"))))
                .build()
                .toByteString());
    assertThatThrownBy(() -> new SigningIdentity(org1.user().identity(), org1.admin().privateKey()))
        .hasMessageContaining("does not belong");
  }

  @Test
  void aLocalMspWhoseSigningCertificateHasExpiredIsRefusedAsFabricRefusesToStart() {
    Path userMsp = org1.layout().userMspDirectory("User1@org1.example.com");
    java.time.Clock in2100 =
        java.time.Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
    assertThatThrownBy(() -> SigningIdentity.load(userMsp, "Org1MSP", in2100))
        .isInstanceOf(MspException.class)
        .hasMessageStartingWith("signing identity expired PT");
  }

  @Test
  void keystoreFilesThatHoldNoReadableKeyAreSkipped() throws Exception {
    Path userMsp = org1.layout().userMspDirectory("User1@org1.example.com");
    Path copy = directory.resolve("user-copy");
    for (String folder : List.of("signcerts", "keystore")) {
      Files.createDirectories(copy.resolve(folder));
      try (var files = Files.list(userMsp.resolve(folder))) {
        for (Path file : files.toList()) {
          Files.copy(file, copy.resolve(folder).resolve(file.getFileName()));
        }
      }
    }
    Files.writeString(
        copy.resolve("keystore/a_broken_sk"),
        "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
    assertThat(SigningIdentity.load(copy, "Org1MSP").serialized())
        .isEqualTo(org1.user().serialized());
  }

  @Test
  void configYamlWithoutNodeOusLeavesThemOff() {
    MspConfigFile file =
        MspConfigFile.parse(
            "OrganizationalUnitIdentifiers:\n  - Certificate: cacerts/x.pem\n"
                .concat("    OrganizationalUnitIdentifier: COP\n")
                .getBytes(StandardCharsets.UTF_8),
            Path.of("config.yaml"));
    assertThat(file.nodeOusEnabled()).isFalse();
    assertThat(file.organizationalUnitIdentifiers())
        .containsExactly(new MspConfigFile.OuIdentifier("cacerts/x.pem", "COP"));
    assertThatThrownBy(
            () ->
                MspConfigFile.parse(
                    "NodeOUs: [1, 2]".getBytes(StandardCharsets.UTF_8), Path.of("c")))
        .hasMessageContaining("NodeOUs is not a map");
  }

  private static MSPPrincipal role(String mspId, MSPRole.MSPRoleType role) {
    return MSPPrincipal.newBuilder()
        .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
        .setPrincipal(
            MSPRole.newBuilder().setMspIdentifier(mspId).setRole(role).build().toByteString())
        .build();
  }

  private static SerializedIdentity parse(ByteString bytes) {
    try {
      return SerializedIdentity.parseFrom(bytes);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
