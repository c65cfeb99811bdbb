/**
 * The peer side of the chaincode protocol: the {@code protos.ChaincodeSupport/Register} service,
 * one {@code Handler} per connected chaincode, the transactions in flight on it, and the execution
 * entry point the endorser calls ({@link dev.weft.peer.chaincode.ChaincodeSupport}).
 *
 * <p>Threads: inbound messages of one stream arrive in order on the gRPC server's executor and are
 * handled there without blocking; requests of one transaction run one at a time, in order, each
 * transaction on its own queue; outbound messages of a stream are serialised by its {@code
 * ChaincodeStream}. A cross-chaincode call never blocks a thread while the callee runs.
 *
 * <p>Access: with TLS, {@link dev.weft.peer.chaincode.ChaincodeAccessControl} issues each launched
 * chaincode a client certificate from the peer's in-memory chaincode CA and lets a stream register
 * only under the chaincode id its certificate was issued for, as Fabric's {@code
 * core/chaincode/accesscontrol} does.
 */
package dev.weft.peer.chaincode;
