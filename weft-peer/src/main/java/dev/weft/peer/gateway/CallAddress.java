package dev.weft.peer.gateway;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Makes the address a client reached this peer at available to the gateway's calls. Fabric's
 * gateway names its local endorser in error details by the endpoint the peer advertises through
 * gossip; Weft has no gossip, and the listen address may be a wildcard or port 0, so the address
 * the client actually connected to is the one that means something to it.
 */
final class CallAddress implements ServerInterceptor {

  private static final Context.Key<String> ADDRESS = Context.key("weft-gateway-local-address");

  /** The address the current call reached, {@code host:port}; empty outside a call. */
  static String current() {
    String address = ADDRESS.get();
    return address == null ? "" : address;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    SocketAddress local = call.getAttributes().get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR);
    Context context = Context.current().withValue(ADDRESS, format(local));
    return Contexts.interceptCall(context, call, headers, next);
  }

  private static String format(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return inet.getHostString() + ":" + inet.getPort();
    }
    return address == null ? "" : address.toString();
  }
}
