package dev.weft.peer.channel;

import org.hyperledger.fabric.protos.msp.FabricMSPConfig;

/**
 * An application organisation of a channel.
 *
 * @param name the organisation's group name in the configuration (configtx.yaml's {@code Name})
 * @param mspConfig its MSP; {@code mspConfig.getName()} is the MSP id
 */
public record Organization(String name, FabricMSPConfig mspConfig) {

  public String mspId() {
    return mspConfig.getName();
  }
}
