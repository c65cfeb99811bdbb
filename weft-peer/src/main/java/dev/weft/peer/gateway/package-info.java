/**
 * The gateway: Fabric's {@code gateway.Gateway} service embedded in the peer ({@link
 * dev.weft.peer.gateway.Gateway}). Evaluate and Endorse run a client's signed proposal on this
 * peer's endorser; Endorse returns the transaction prepared as Fabric's gateway assembles it, for
 * the client to sign; Submit hands it to the embedded orderer; CommitStatus waits for its block;
 * ChaincodeEvents streams a chaincode's committed events. Failures carry the gRPC status codes,
 * messages and {@code ErrorDetail}s of Fabric's gateway ({@code internal/pkg/gateway}), so that the
 * fabric-gateway SDKs raise the same exceptions; where Fabric's messages are vague, Weft's add what
 * to change.
 */
package dev.weft.peer.gateway;
