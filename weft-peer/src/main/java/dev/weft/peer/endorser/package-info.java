/**
 * The endorser: {@code protos.Endorser/ProcessProposal}. It checks a signed proposal in Fabric's
 * order (creator not expired and timestamp within the time window; well-formed proposal; channel
 * known; header type, epoch, nonce, creator, txid; creator valid in the channel's MSPs and its
 * signature correct; txid neither committed nor in flight; the channel's Writers policy), simulates
 * it through chaincode support, builds the {@code ProposalResponsePayload} as Fabric does, and
 * signs it with the peer's identity. A proposal without a channel may only call a system chaincode
 * ({@code _lifecycle}); it is judged by the peer's own MSP and the system chaincode checks access.
 * Failures are answered as Fabric answers them: a gRPC error for a proposal that is malformed,
 * invalid, duplicate or unauthorised, a response with status 500 for an unknown channel or a failed
 * simulation.
 */
package dev.weft.peer.endorser;
