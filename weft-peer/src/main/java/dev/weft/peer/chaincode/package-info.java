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
 *
 * <p>Access: with TLS, {@link dev.weft.peer.chaincode.ChaincodeAccessControl} issues each launched
 * chaincode a client certificate from the peer's in-memory chaincode CA and lets a stream register
 * only under the chaincode id its certificate was issued for, as Fabric's {@code
 * core/chaincode/accesscontrol} does.
 *
 * <p>Launching (Fabric's {@code core/chaincode/runtime_launcher.go} and {@code
 * core/container/externalbuilder}): a chaincode whose definition names an installed package is
 * launched on first use by the {@code Launcher}, once at a time per package, on its own threads
 * (builds and process starts block). The lifecycle unpacks packages for it ({@link
 * dev.weft.peer.chaincode.InstalledPackages}); {@code PackageBuilder} builds each package once, at
 * install ({@link dev.weft.peer.chaincode.ChaincodeSupport#build}) or at its first launch, with the
 * first {@code ChaincodeBuilder} that accepts it (external builders, then the built-in ccaas, Java
 * and Node builders); the runtime is a process ({@code ChildProcesses} owns every process the peer
 * starts and stops them, with their descendants, on close and at JVM shutdown) or a connection the
 * peer dials to a chaincode server ({@code ChaincodeServerDialer}), and in both cases the chaincode
 * registers on a {@code Handler} like any other.
 */
package dev.weft.peer.chaincode;
