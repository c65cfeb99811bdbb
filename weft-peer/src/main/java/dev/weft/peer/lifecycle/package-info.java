/**
 * The chaincode lifecycle: packages installed on this peer ({@link
 * dev.weft.peer.lifecycle.InstalledChaincodes}; as in Fabric, {@code InstallChaincode} answers once
 * the package is built, through {@link dev.weft.peer.lifecycle.PackageBuild}, and keeps no package
 * that cannot be built), and chaincode definitions agreed per channel through the {@code
 * _lifecycle} system chaincode ({@link dev.weft.peer.lifecycle.LifecycleChaincode}) with Fabric's
 * functions, arguments, results, checks and messages. Definitions are ledger state of the {@code
 * _lifecycle} namespace, stored exactly as Fabric stores them; organisations' approvals are public
 * state there too, because Weft has no private data yet (see {@link
 * dev.weft.peer.lifecycle.LifecycleKeys}). Chaincode support learns definitions through {@link
 * dev.weft.peer.lifecycle.DefinedChaincodes}, the committer through {@link
 * dev.weft.peer.lifecycle.CommittedDefinitions}.
 */
package dev.weft.peer.lifecycle;
