package dev.weft.interop;

import dev.weft.peer.testing.TestPeer;
import java.nio.file.Path;
import java.util.List;

/** The interop chaincode on Fabric's Node shim, npm {@code fabric-shim} 2.5.8. */
class NodeShimInteropTest extends FabricShimInteropTest {

  @Override
  ChaincodeProcess startChaincode(TestPeer peer, String id) {
    Path directory = Path.of(System.getProperty("interop.nodeChaincode"));
    // fabric-shim 2.5.8 ignores CORE_PEER_ADDRESS (its option parser maps it to another name),
    // so the address goes on the command line, as Fabric's own launcher passes it.
    return ChaincodeProcess.start(
        peer,
        id,
        List.of("node", "chaincode.js", "--peer.address", peer.chaincodeAddressText()),
        directory);
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
