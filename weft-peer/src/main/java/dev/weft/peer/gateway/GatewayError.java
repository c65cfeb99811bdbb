package dev.weft.peer.gateway;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * The errors the gateway answers with, built as Fabric's gateway builds them: a gRPC status code
 * and message and, where a peer or orderer failed, one {@link ErrorDetail} for it (address, MSP id,
 * its message) in the status details, where fabric-gateway clients read them ({@code getDetails()}
 * of their exceptions).
 */
final class GatewayError {

  private GatewayError() {}

  static StatusRuntimeException of(Status.Code code, String message) {
    return Status.fromCode(code).withDescription(message).asRuntimeException();
  }

  static StatusRuntimeException of(Status.Code code, String message, ErrorDetail detail) {
    return of(code, message, List.of(detail));
  }

  static StatusRuntimeException of(Status.Code code, String message, List<ErrorDetail> details) {
    if (details.isEmpty()) {
      return of(code, message);
    }
    com.google.rpc.Status.Builder status =
        com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message);
    details.forEach(detail -> status.addDetails(Any.pack(detail)));
    return StatusProto.toStatusRuntimeException(status.build());
  }
}
