package dev.weft.shim;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.hyperledger.fabric.protos.peer.ChaincodeAdditionalParams;

/**
 * A Weft-shim chaincode in client mode connected to a {@link ScriptedPeer}: the test sets what the
 * chaincode does with {@link #onInvoke} and plays the peer.
 */
public final class ShimFixture implements AutoCloseable {

  static final String CHAINCODE_ID = "cc:1.0";

  public final ScriptedPeer peer;
  final ShimRuntime runtime;
  private final AtomicReference<Chaincode> behaviour =
      new AtomicReference<>(stub -> Response.success());

  private ShimFixture(ChaincodeAdditionalParams readyParams) {
    peer = ScriptedPeer.listen();
    ShimSettings settings =
        ShimSettings.from(
            Map.of("CORE_CHAINCODE_ID_NAME", CHAINCODE_ID, "CORE_PEER_ADDRESS", peer.address()),
            new String[0]);
    runtime =
        ShimRuntime.start(
            settings,
            new Chaincode() {
              @Override
              public Response init(ChaincodeStub stub) {
                return behaviour.get().init(stub);
              }

              @Override
              public Response invoke(ChaincodeStub stub) {
                return behaviour.get().invoke(stub);
              }
            });
    peer.acceptRegistration(CHAINCODE_ID, readyParams);
    runtime.clientHandler().ready().join();
  }

  /** Connected to a peer that sends an empty READY, as Fabric before 3.1. */
  public static ShimFixture withoutBatching() {
    return new ShimFixture(null);
  }

  /** Connected to a peer that accepts batches of at most {@code maxWrites}/{@code maxKeys}. */
  public static ShimFixture withBatching(int maxWrites, int maxKeys) {
    return new ShimFixture(
        ChaincodeAdditionalParams.newBuilder()
            .setUseWriteBatch(true)
            .setMaxSizeWriteBatch(maxWrites)
            .setUseGetMultipleKeys(true)
            .setMaxSizeGetMultipleKeys(maxKeys)
            .build());
  }

  public void onInvoke(Chaincode chaincode) {
    behaviour.set(chaincode);
  }

  @Override
  public void close() {
    runtime.close();
    peer.close();
  }
}
