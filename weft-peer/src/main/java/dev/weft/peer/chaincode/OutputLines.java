package dev.weft.peer.chaincode;

/** Where the output of a process the peer runs goes, one line at a time. */
@FunctionalInterface
interface OutputLines {

  /** Takes one line of output, without its line terminator. */
  void line(String line);

  /** Sends each line here first, then to {@code next}. */
  default OutputLines andThen(OutputLines next) {
    return line -> {
      line(line);
      next.line(line);
    };
  }
}
