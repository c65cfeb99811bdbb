package dev.weft.peer.lifecycle;

/** Fabric's {@code ErrNamespaceNotDefined}: no chaincode definition is committed by that name. */
final class NamespaceNotDefinedException extends LifecycleException {

  private static final long serialVersionUID = 1L;

  NamespaceNotDefinedException(String namespace) {
    super("namespace " + namespace + " is not defined");
  }
}
