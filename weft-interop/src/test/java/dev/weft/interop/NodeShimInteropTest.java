package dev.weft.interop;

/** The interop chaincode on Fabric's Node shim, npm {@code fabric-shim} 2.5.8. */
class NodeShimInteropTest extends ShimInteropTest {

  @Override
  InteropShim shim() {
    return InteropShim.FABRIC_NODE;
  }

  @Override
  boolean shimReportsPeerErrorText() {
    return true;
  }

  @Override
  boolean shimAnswersErrorWhenInvokeThrows() {
    return false;
  }
}
