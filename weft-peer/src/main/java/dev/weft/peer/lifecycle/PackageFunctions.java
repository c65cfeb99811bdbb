package dev.weft.peer.lifecycle;

import com.google.protobuf.ByteString;
import java.util.Optional;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageResult;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;

/**
 * The lifecycle functions about this peer's installed packages, which need no channel: install,
 * list, look up and download, with Fabric's results and messages.
 */
final class PackageFunctions {

  private final InstalledChaincodes installed;

  PackageFunctions(InstalledChaincodes installed) {
    this.installed = installed;
  }

  InstallChaincodeResult install(InstallChaincodeArgs args) {
    ChaincodePackage chaincode;
    try {
      chaincode =
          installed.install(
              "from InstallChaincode", args.getChaincodeInstallPackage().toByteArray());
    } catch (InvalidChaincodePackageException e) {
      throw new LifecycleException(
          "could not parse as a chaincode install package: " + e.getMessage());
    } catch (IllegalStateException e) {
      throw new LifecycleException(e.getMessage());
    }
    return InstallChaincodeResult.newBuilder()
        .setLabel(chaincode.label())
        .setPackageId(chaincode.packageId())
        .build();
  }

  QueryInstalledChaincodeResult queryInstalled(QueryInstalledChaincodeArgs args) {
    ChaincodePackage chaincode =
        find(args.getPackageId())
            .orElseThrow(
                () ->
                    new LifecycleException(
                        "could not find chaincode with package id '" + args.getPackageId() + "'"));
    return QueryInstalledChaincodeResult.newBuilder()
        .setLabel(chaincode.label())
        .setPackageId(chaincode.packageId())
        .build();
  }

  QueryInstalledChaincodesResult queryAllInstalled(QueryInstalledChaincodesArgs args) {
    QueryInstalledChaincodesResult.Builder result = QueryInstalledChaincodesResult.newBuilder();
    for (ChaincodePackage chaincode : installed.list()) {
      result.addInstalledChaincodes(
          QueryInstalledChaincodesResult.InstalledChaincode.newBuilder()
              .setLabel(chaincode.label())
              .setPackageId(chaincode.packageId()));
    }
    return result.build();
  }

  GetInstalledChaincodePackageResult getPackage(GetInstalledChaincodePackageArgs args) {
    Optional<byte[]> bytes;
    try {
      bytes = installed.packageBytes(args.getPackageId());
    } catch (IllegalArgumentException notAPackageId) {
      bytes = Optional.empty();
    }
    return GetInstalledChaincodePackageResult.newBuilder()
        .setChaincodeInstallPackage(
            ByteString.copyFrom(
                bytes.orElseThrow(
                    () ->
                        new LifecycleException(
                            "could not load cc install package: chaincode install package '"
                                + args.getPackageId()
                                + "' not found"))))
        .build();
  }

  private Optional<ChaincodePackage> find(String packageId) {
    try {
      return installed.get(packageId);
    } catch (IllegalArgumentException notAPackageId) {
      return Optional.empty();
    }
  }
}
