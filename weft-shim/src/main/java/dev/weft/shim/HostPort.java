package dev.weft.shim;

/** A host and port parsed from {@code host:port} (IPv6 hosts in brackets). */
record HostPort(String host, int port) {

  static HostPort parse(String address, String what) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new IllegalArgumentException(what + " must be host:port, got '" + address + "'");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " has a bad port: '" + address + "'", e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(what + " has a port out of range: '" + address + "'");
    }
    return new HostPort(host, port);
  }

  @Override
  public String toString() {
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }
}
