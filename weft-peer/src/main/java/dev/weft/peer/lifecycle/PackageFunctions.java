package dev.weft.peer.lifecycle;

import com.google.protobuf.ByteString;
import dev.weft.peer.chaincode.PackageBuildException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.GetInstalledChaincodePackageResult;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.InstallChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodeResult;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.QueryInstalledChaincodesResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle functions about this peer's installed packages, which need no channel: install,
 * list, look up and download, with Fabric's results and messages.
 */
final class PackageFunctions {

  private static final Logger log = LoggerFactory.getLogger(PackageFunctions.class);

  private final InstalledChaincodes installed;
  private final PackageBuild build;

  PackageFunctions(InstalledChaincodes installed, PackageBuild build) {
    this.installed = installed;
    this.build = build;
  }

  /**
   * Installs the package and waits for its build, as Fabric does: a package that cannot be built is
   * removed again, and a package installed already is refused once its build (perhaps under way for
   * an earlier install) has succeeded.
   */
  InstallChaincodeResult install(InstallChaincodeArgs args) {
    InstalledChaincodes.Installation installation;
    try {
      installation =
          installed.installOrFind(
              "from InstallChaincode", args.getChaincodeInstallPackage().toByteArray());
    } catch (InvalidChaincodePackageException e) {
      throw new LifecycleException(
          "could not parse as a chaincode install package: " + e.getMessage());
    }
    ChaincodePackage chaincode = installation.chaincode();
    awaitBuild(chaincode.packageId());
    if (!installation.installedNow()) {
      throw new LifecycleException(InstalledChaincodes.alreadyInstalled(chaincode.packageId()));
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

  /**
   * Waits for the package's build. A package that cannot be built is removed, as in Fabric; one
   * whose build could not finish (the peer stopping) stays installed and is built at its launch.
   */
  private void awaitBuild(String packageId) {
    try {
      build.start(packageId).get();
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LifecycleException(
          "interrupted while building package " + packageId + "; it stays installed");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      if (!(cause instanceof PackageBuildException)) {
        throw new LifecycleException(
            "could not build chaincode: " + reason + "; package " + packageId + " stays installed");
      }
      try {
        installed.remove(packageId);
      } catch (UncheckedIOException removal) {
        log.warn("package {} could not be built and cannot be removed", packageId, removal);
      }
      throw new LifecycleException("could not build chaincode: " + reason);
    }
  }

  private Optional<ChaincodePackage> find(String packageId) {
    try {
      return installed.get(packageId);
    } catch (IllegalArgumentException notAPackageId) {
      return Optional.empty();
    }
  }
}
