/**
 * Wiring: builds the peer's components from its configuration, starts and stops its gRPC servers.
 * The only package that knows every other one.
 */
package dev.weft.peer.node;
