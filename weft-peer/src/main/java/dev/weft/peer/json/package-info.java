/** JSON text as Fabric's Go code writes it; used by all components, uses nothing above it. */
package dev.weft.peer.json;
