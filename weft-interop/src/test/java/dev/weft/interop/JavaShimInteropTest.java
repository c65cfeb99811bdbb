package dev.weft.interop;

/** The interop chaincode on Fabric's Java shim, {@code fabric-chaincode-shim} 2.5.5. */
class JavaShimInteropTest extends ShimInteropTest {

  @Override
  InteropShim shim() {
    return InteropShim.FABRIC_JAVA;
  }

  @Override
  boolean shimReportsPeerErrorText() {
    return false;
  }

  @Override
  boolean shimAnswersErrorWhenInvokeThrows() {
    return true;
  }
}
