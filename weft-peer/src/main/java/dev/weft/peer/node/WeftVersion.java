package dev.weft.peer.node;

import picocli.CommandLine.IVersionProvider;

/** Weft's version, from the jar's manifest (the Maven project version). */
final class WeftVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"weft " + version()};
  }

  /** The version, or {@code development} when not run from the built jar. */
  static String version() {
    String version = WeftVersion.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}
