package dev.weft.peer.testing;

import dev.weft.shim.Chaincode;
import dev.weft.shim.ChaincodeStub;
import dev.weft.shim.Response;
import dev.weft.shim.Shim;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A chaincode the launcher tests run as a real process (and as an in-process chaincode server):
 * {@code put key value}, {@code get key}, {@code pid} (the process id it runs in), and {@code hang}
 * (never answers, until its process goes).
 */
public final class LaunchedChaincode implements Chaincode {

  public static void main(String[] args) {
    Shim.start(new LaunchedChaincode(), args);
  }

  @Override
  public Response invoke(ChaincodeStub stub) {
    List<String> args = stub.getParameters();
    return switch (stub.getFunction()) {
      case "put" -> {
        stub.putStringState(args.get(0), args.get(1));
        yield Response.success();
      }
      case "get" -> Response.success(stub.getState(args.get(0)));
      case "pid" ->
          Response.success(
              String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8));
      case "hang" -> {
        try {
          Thread.sleep(600_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        yield Response.error(500, "interrupted");
      }
      default -> Response.error(400, "unknown function " + stub.getFunction());
    };
  }
}
