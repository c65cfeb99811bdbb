/**
 * The peer side of the chaincode protocol: the {@code protos.ChaincodeSupport/Register} service,
 * one {@code Handler} per connected chaincode, the transactions in flight on it, and the execution
 * entry point the endorser calls ({@link dev.weft.peer.chaincode.ChaincodeSupport}). Chaincodes
 * with a committed definition ({@link dev.weft.peer.chaincode.ChaincodeDefinitions}) follow
 * Fabric's init rule; system chaincodes ({@link dev.weft.peer.chaincode.SystemChaincode}) run in
 * the peer.
 *
 * <p>Threads: inbound messages of one stream arrive in order on the gRPC server's executor and are
 * handled there without blocking; requests of one transaction run one at a time, in order, each
 * transaction on its own queue; outbound messages of a stream are serialised by its {@code
 * ChaincodeStream}. A cross-chaincode call never blocks a thread while the callee runs.
 */
package dev.weft.peer.chaincode;
