package dev.weft.peer.chaincode;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.InputStream;
import java.util.function.Function;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeSupportGrpc;

/**
 * The {@code protos.ChaincodeSupport} service definition. It is Fabric's own method ({@code
 * /protos.ChaincodeSupport/Register}, bidirectional stream of {@code ChaincodeMessage}) with one
 * difference on the inside: an inbound frame that does not parse is handed to the handler as a
 * {@link InboundMessage#malformed} value instead of failing the whole call.
 */
final class ChaincodeSupportService {

  static final MethodDescriptor.Marshaller<ChaincodeMessage> MESSAGES =
      ProtoUtils.marshaller(ChaincodeMessage.getDefaultInstance());

  static final MethodDescriptor.Marshaller<InboundMessage> INBOUND =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(InboundMessage value) {
          return MESSAGES.stream(value.message());
        }

        @Override
        public InboundMessage parse(InputStream stream) {
          try {
            return InboundMessage.of(MESSAGES.parse(stream));
          } catch (StatusRuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return InboundMessage.malformed(cause.getMessage());
          }
        }
      };

  static final MethodDescriptor<InboundMessage, ChaincodeMessage> REGISTER =
      ChaincodeSupportGrpc.getRegisterMethod().toBuilder(INBOUND, MESSAGES).build();

  private ChaincodeSupportService() {}

  /** The service, with one stream handler made per Register call by {@code newHandler}. */
  static ServerServiceDefinition definition(
      Function<ServerCallStreamObserver<ChaincodeMessage>, StreamObserver<InboundMessage>>
          newHandler) {
    return ServerServiceDefinition.builder(ChaincodeSupportGrpc.SERVICE_NAME)
        .addMethod(
            REGISTER,
            ServerCalls.asyncBidiStreamingCall(
                responses ->
                    newHandler.apply((ServerCallStreamObserver<ChaincodeMessage>) responses)))
        .build();
  }
}
