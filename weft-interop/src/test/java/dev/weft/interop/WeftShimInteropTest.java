package dev.weft.interop;

/**
 * The interop chaincode on Weft's own shim: the same suite as on Fabric's shims, so the peer must
 * answer it exactly as it answers them.
 */
class WeftShimInteropTest extends ShimInteropTest {

  @Override
  InteropShim shim() {
    return InteropShim.WEFT;
  }

  @Override
  boolean shimReportsPeerErrorText() {
    return true;
  }

  @Override
  boolean shimAnswersErrorWhenInvokeThrows() {
    return true;
  }
}
