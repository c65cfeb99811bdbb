/**
 * The peer's configuration: typed records with Fabric's defaults, overridable by {@code WEFT_*}
 * environment variables. Every setting is listed in {@link dev.weft.peer.config.Setting}.
 */
package dev.weft.peer.config;
