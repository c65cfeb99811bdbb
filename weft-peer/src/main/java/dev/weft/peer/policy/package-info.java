/**
 * Policies as Fabric evaluates them: signature policies ({@code SignaturePolicyEnvelope}, written
 * in Fabric's expression language {@code AND('Org1MSP.peer', OR('Org2MSP.member', ...))}) and
 * implicit-meta policies ({@code ANY Readers}, {@code MAJORITY Endorsement}). Used for channel
 * access (the endorser's Writers check) and, by the committer, for endorsement policies.
 */
package dev.weft.peer.policy;
