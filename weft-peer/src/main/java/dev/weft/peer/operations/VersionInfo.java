package dev.weft.peer.operations;

import dev.weft.peer.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What {@code /version} answers, in the JSON shape of Fabric's: {@code
 * {"CommitSHA":"1a2b3c4","Version":"0.1.0"}}, each field left out when unknown (Go's {@code
 * omitempty}).
 *
 * @param commitSha the short git commit the peer was built from; empty if unknown
 * @param version the peer's version (the Maven project version); empty if unknown
 */
public record VersionInfo(String commitSha, String version) {

  /** Written at build time by the weft-peer module's build (see its pom.xml). */
  private static final String BUILD_PROPERTIES = "weft-build.properties";

  /**
   * This build's version and commit, from the file the build writes next to this class; both empty
   * when run from classes the Maven build did not produce.
   */
  public static VersionInfo ofThisBuild() {
    Properties properties = new Properties();
    try (InputStream in = VersionInfo.class.getResourceAsStream(BUILD_PROPERTIES)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUILD_PROPERTIES, e);
    }
    return new VersionInfo(
        properties.getProperty("commitSha", "").trim(),
        properties.getProperty("version", "").trim());
  }

  String toJson() {
    StringBuilder json = new StringBuilder("{");
    if (!commitSha.isEmpty()) {
      json.append("\"CommitSHA\":").append(Json.string(commitSha));
    }
    if (!version.isEmpty()) {
      json.append(json.length() > 1 ? "," : "").append("\"Version\":").append(Json.string(version));
    }
    return json.append('}').toString();
  }
}
