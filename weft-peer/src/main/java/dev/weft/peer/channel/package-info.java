/**
 * Channels as Fabric defines them: a channel's configuration is the {@code ConfigGroup} tree in the
 * {@code ConfigEnvelope} of its config block (Application organisations with their MSPs, policies
 * Readers/Writers/Admins/Endorsement, capabilities). This package reads such a block — Weft's own
 * or one made by Fabric's {@code configtxgen} — into the channel's organisations, MSPs and
 * policies, and makes the genesis block of a new channel for a set of organisations.
 *
 * <p>It is not one of the components in architecture.md's list because it is shared state rather
 * than a service: the endorser, the gateway and the committer all ask it "who belongs to this
 * channel, and what do its policies say". It sits beside {@code msp} and {@code policy}, which it
 * uses, and uses nothing else.
 */
package dev.weft.peer.channel;
