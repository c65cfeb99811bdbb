package dev.weft.peer.chaincode;

import com.google.protobuf.ByteString;
import dev.weft.peer.ledger.TxSimulator;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/**
 * Fabric's "init exactly once" rule for a chaincode with a definition: when the definition requires
 * init, the first invocation of each version must be an init ({@code is_init}), which marks the
 * chaincode's namespace as initialized for that version; an init is refused when the definition
 * does not require one or the version is initialized already.
 */
final class InitRule {

  /**
   * Fabric's marker key in the chaincode's own namespace: NUL, U+10FFFF, "initialized". Its value
   * is the version that was initialized.
   */
  static final String INITIALIZED_KEY =
      "\u0000" + new String(Character.toChars(Character.MAX_CODE_POINT)) + "initialized";

  private InitRule() {}

  /**
   * The message type that runs {@code input} under {@code definition} (INIT or TRANSACTION),
   * recording the initialized marker when it is the init; throws a {@link ChaincodeException} with
   * Fabric's message when the rule refuses the invocation.
   */
  static ChaincodeMessage.Type messageType(
      ChaincodeDefinition definition, ChaincodeInput input, TxSimulator simulator) {
    String name = definition.name();
    boolean needsInit = false;
    if (definition.initRequired()) {
      ByteString initialized = simulator.getState(name, INITIALIZED_KEY);
      needsInit = !initialized.equals(ByteString.copyFromUtf8(definition.version()));
    }
    if (input.getIsInit()) {
      if (!definition.initRequired()) {
        throw invalid(
            "chaincode '" + name + "' does not require initialization but called as init");
      }
      if (!needsInit) {
        throw invalid("chaincode '" + name + "' is already initialized but called as init");
      }
      simulator.setState(name, INITIALIZED_KEY, ByteString.copyFromUtf8(definition.version()));
      return ChaincodeMessage.Type.INIT;
    }
    if (needsInit) {
      throw invalid(
          "chaincode '"
              + name
              + "' has not been initialized for this version, must call as init first");
    }
    return ChaincodeMessage.Type.TRANSACTION;
  }

  private static ChaincodeException invalid(String reason) {
    return new ChaincodeException("invalid invocation: " + reason);
  }
}
