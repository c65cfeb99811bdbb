package dev.weft.peer.chaincode;

/** The answer to every private-data request until private data collections are implemented. */
final class PrivateDataUnsupported {

  private PrivateDataUnsupported() {}

  /** Fails if a request names a collection. */
  static void check(String collection, TransactionContext context) {
    if (!collection.isEmpty()) {
      throw new ChaincodeException(
          "private data is not supported yet by this peer: chaincode "
              + context.namespace()
              + " asked for collection '"
              + collection
              + "'");
    }
  }
}
