package example.counter;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ResponseUtils;

/** Counts: {@code increment KEY} adds one to a counter and returns it, {@code get KEY} reads it. */
public final class CounterChaincode extends ChaincodeBase {

  public static void main(String[] args) {
    new CounterChaincode().start(args);
  }

  @Override
  public Response init(ChaincodeStub stub) {
    return ResponseUtils.newSuccessResponse();
  }

  @Override
  public Response invoke(ChaincodeStub stub) {
    List<String> args = stub.getStringArgs();
    if (args.size() != 2) {
      return ResponseUtils.newErrorResponse("usage: increment KEY | get KEY");
    }
    String key = args.get(1);
    byte[] stored = stub.getState(key);
    long count = stored == null || stored.length == 0 ? 0 : Long.parseLong(new String(stored, UTF_8));
    switch (args.get(0)) {
      case "increment":
        count++;
        stub.putState(key, Long.toString(count).getBytes(UTF_8));
        return ResponseUtils.newSuccessResponse(Long.toString(count).getBytes(UTF_8));
      case "get":
        return ResponseUtils.newSuccessResponse(Long.toString(count).getBytes(UTF_8));
      default:
        return ResponseUtils.newErrorResponse("unknown function " + args.get(0));
    }
  }
}
