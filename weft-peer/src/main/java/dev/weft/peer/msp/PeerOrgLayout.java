package dev.weft.peer.msp;

import java.nio.file.Path;

/**
 * Where cryptogen's layout puts a peer organisation's material, under {@code
 * <root>/peerOrganizations/<domain>}.
 *
 * @param root the output folder given to the generator
 * @param domain the organisation's domain, e.g. {@code org1.example.com}
 */
public record PeerOrgLayout(Path root, String domain) {

  public Path orgDirectory() {
    return root.resolve("peerOrganizations").resolve(domain);
  }

  /** The signing CA: {@code ca/ca.<domain>-cert.pem} and {@code ca/priv_sk}. */
  public Path caDirectory() {
    return orgDirectory().resolve("ca");
  }

  public Path tlsCaDirectory() {
    return orgDirectory().resolve("tlsca");
  }

  /** The organisation's verifying MSP, what a channel configuration is made from. */
  public Path mspDirectory() {
    return orgDirectory().resolve("msp");
  }

  public String peerName(int index) {
    return "peer" + index + "." + domain;
  }

  /** The local MSP of {@code peer<index>.<domain>}. */
  public Path peerMspDirectory(int index) {
    return orgDirectory().resolve("peers").resolve(peerName(index)).resolve("msp");
  }

  public Path peerTlsDirectory(int index) {
    return orgDirectory().resolve("peers").resolve(peerName(index)).resolve("tls");
  }

  public String adminName() {
    return "Admin@" + domain;
  }

  public String userName(int index) {
    return "User" + index + "@" + domain;
  }

  /** The local MSP of a user, e.g. {@code Admin@<domain>} or {@code User1@<domain>}. */
  public Path userMspDirectory(String user) {
    return orgDirectory().resolve("users").resolve(user).resolve("msp");
  }

  public Path userTlsDirectory(String user) {
    return orgDirectory().resolve("users").resolve(user).resolve("tls");
  }
}
