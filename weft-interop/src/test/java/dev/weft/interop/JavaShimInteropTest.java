package dev.weft.interop;

import dev.weft.peer.testing.TestPeer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The interop chaincode on Fabric's Java shim, {@code fabric-chaincode-shim} 2.5.5. */
class JavaShimInteropTest extends FabricShimInteropTest {

  @Override
  ChaincodeProcess startChaincode(TestPeer peer, String id) {
    Path target = Path.of(System.getProperty("interop.javaChaincode"));
    String classPath;
    try {
      classPath =
          target.resolve("classes")
              + java.io.File.pathSeparator
              + Files.readString(target.resolve("chaincode.classpath")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("the Java chaincode is not built in " + target, e);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return ChaincodeProcess.start(
        peer,
        id,
        List.of(java, "-cp", classPath, "dev.weft.interop.javacc.InteropChaincode"),
        target);
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
