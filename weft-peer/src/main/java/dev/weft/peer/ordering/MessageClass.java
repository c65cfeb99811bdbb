package dev.weft.peer.ordering;

import org.hyperledger.fabric.protos.common.HeaderType;

/**
 * How the orderer treats an envelope, by its channel header's type, as Fabric's orderer classifies
 * messages for an application channel.
 */
enum MessageClass {
  /** Ordered into a block as it is: transactions and every type Fabric does not single out. */
  NORMAL,
  /** A configuration update, which the orderer turns into a new configuration. */
  CONFIG_UPDATE,
  /** A whole configuration, which Fabric's orderer refuses to take directly. */
  CONFIG,
  /** ORDERER_TRANSACTION, which Fabric 3 no longer supports (it served the system channel). */
  UNSUPPORTED;

  // ORDERER_TRANSACTION is deprecated, and named here only to be refused, as Fabric 3 does.
  @SuppressWarnings("deprecation")
  static MessageClass of(int headerType) {
    return switch (headerType) {
      case HeaderType.CONFIG_UPDATE_VALUE -> CONFIG_UPDATE;
      case HeaderType.CONFIG_VALUE -> CONFIG;
      case HeaderType.ORDERER_TRANSACTION_VALUE -> UNSUPPORTED;
      default -> NORMAL;
    };
  }
}
