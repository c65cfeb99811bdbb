package dev.weft.interop;

import dev.weft.peer.testing.TestPeer;
import java.nio.file.Path;
import java.util.List;

/** The three implementations of the interop chaincode (CHAINCODE.md), one per shim. */
enum InteropShim {
  /** Fabric's Java shim, {@code fabric-chaincode-shim} 2.5.5. */
  FABRIC_JAVA {
    @Override
    ChaincodeProcess start(PeerEndpoint peer, String chaincodeId) {
      return ChaincodeProcess.startJava(
          peer,
          chaincodeId,
          Path.of(System.getProperty("interop.javaChaincode")),
          "dev.weft.interop.javacc.InteropChaincode");
    }
  },
  /** Fabric's Node shim, npm {@code fabric-shim} 2.5.8. */
  FABRIC_NODE {
    @Override
    ChaincodeProcess start(PeerEndpoint peer, String chaincodeId) {
      // fabric-shim 2.5.8 ignores CORE_PEER_ADDRESS (its option parser maps it to another name),
      // so the address goes on the command line, as Fabric's own launcher passes it.
      return ChaincodeProcess.start(
          peer,
          chaincodeId,
          List.of("node", "chaincode.js", "--peer.address", peer.chaincodeAddress()),
          Path.of(System.getProperty("interop.nodeChaincode")));
    }
  },
  /** Weft's shim. */
  WEFT {
    @Override
    ChaincodeProcess start(PeerEndpoint peer, String chaincodeId) {
      return ChaincodeProcess.startJava(
          peer,
          chaincodeId,
          Path.of(System.getProperty("interop.weftChaincode")),
          "dev.weft.interop.weftcc.InteropChaincode");
    }
  };

  /** Starts the chaincode as its own process and waits until it has registered with the peer. */
  abstract ChaincodeProcess start(PeerEndpoint peer, String chaincodeId);

  /** Starts the chaincode against a peer running in this JVM. */
  ChaincodeProcess start(TestPeer peer, String chaincodeId) {
    return start(PeerEndpoint.of(peer), chaincodeId);
  }
}
