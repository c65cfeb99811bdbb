package dev.weft.peer.msp;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hyperledger.fabric.protos.msp.FabricCryptoConfig;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;

/**
 * Reads an MSP in Fabric's folder layout into the {@code FabricMSPConfig} a channel carries, as
 * Fabric's {@code GetVerifyingMspConfig} does: {@code cacerts} (required), {@code
 * intermediatecerts}, {@code admincerts}, {@code tlscacerts}, {@code tlsintermediatecerts}, {@code
 * crls}, and {@code config.yaml} (NodeOUs and OU identifiers, whose certificate paths are relative
 * to the folder and replaced by the certificates' contents).
 */
public final class MspFolder {

  private MspFolder() {}

  /** The verifying configuration (no signing identity) of the MSP in {@code directory}. */
  public static FabricMSPConfig read(Path directory, String mspId) {
    List<ByteString> caCerts = pemFiles(directory.resolve("cacerts"));
    if (caCerts.isEmpty()) {
      throw new MspException(
          "no ca certificate found in directory " + directory.resolve("cacerts"));
    }
    FabricMSPConfig.Builder config =
        FabricMSPConfig.newBuilder()
            .setName(mspId)
            .addAllRootCerts(caCerts)
            .addAllIntermediateCerts(pemFiles(directory.resolve("intermediatecerts")))
            .addAllAdmins(pemFiles(directory.resolve("admincerts")))
            .addAllRevocationList(pemFiles(directory.resolve("crls")))
            .setCryptoConfig(
                FabricCryptoConfig.newBuilder()
                    .setSignatureHashFamily("SHA2")
                    .setIdentityIdentifierHashFunction("SHA256"));
    List<ByteString> tlsCaCerts = pemFiles(directory.resolve("tlscacerts"));
    config.addAllTlsRootCerts(tlsCaCerts);
    if (!tlsCaCerts.isEmpty()) {
      config.addAllTlsIntermediateCerts(pemFiles(directory.resolve("tlsintermediatecerts")));
    }
    Path configFile = directory.resolve("config.yaml");
    if (Files.isRegularFile(configFile)) {
      MspConfigFile file = MspConfigFile.parse(read(configFile), configFile);
      for (MspConfigFile.OuIdentifier ou : file.organizationalUnitIdentifiers()) {
        config.addOrganizationalUnitIdentifiers(
            FabricOUIdentifier.newBuilder()
                .setOrganizationalUnitIdentifier(ou.organizationalUnitIdentifier())
                .setCertificate(ByteString.copyFrom(read(directory.resolve(ou.certificate())))));
      }
      if (file.nodeOusEnabled()) {
        FabricNodeOUs.Builder nodeOus = FabricNodeOUs.newBuilder().setEnable(true);
        nodeOu(directory, file.clientOu()).ifPresent(nodeOus::setClientOuIdentifier);
        nodeOu(directory, file.peerOu()).ifPresent(nodeOus::setPeerOuIdentifier);
        nodeOu(directory, file.adminOu()).ifPresent(nodeOus::setAdminOuIdentifier);
        nodeOu(directory, file.ordererOu()).ifPresent(nodeOus::setOrdererOuIdentifier);
        config.setFabricNodeOus(nodeOus);
      }
    }
    return config.build();
  }

  private static Optional<FabricOUIdentifier> nodeOu(
      Path directory, Optional<MspConfigFile.OuIdentifier> ou) {
    return ou.filter(o -> !o.organizationalUnitIdentifier().isEmpty())
        .map(
            o -> {
              FabricOUIdentifier.Builder id =
                  FabricOUIdentifier.newBuilder()
                      .setOrganizationalUnitIdentifier(o.organizationalUnitIdentifier());
              if (!o.certificate().isEmpty()) {
                id.setCertificate(ByteString.copyFrom(read(directory.resolve(o.certificate()))));
              }
              return id.build();
            });
  }

  /** The contents of the PEM files of a folder, by file name; none if it does not exist. */
  static List<ByteString> pemFiles(Path folder) {
    List<ByteString> contents = new ArrayList<>();
    for (Path file : files(folder)) {
      byte[] bytes = read(file);
      // Like Fabric, files without PEM content are skipped.
      if (!Pem.decodeAll(bytes).isEmpty()) {
        contents.add(ByteString.copyFrom(bytes));
      }
    }
    return contents;
  }

  /** The regular files of a folder sorted by name; none if it does not exist. */
  static List<Path> files(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new MspException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
