package dev.weft.peer.operations;

/**
 * An answer of the operations endpoint.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header
 * @param body the body, UTF-8
 */
record Response(int status, String contentType, String body) {

  static final String TEXT = "text/plain; charset=utf-8";
  static final String JSON = "application/json";

  static Response text(int status, String body) {
    return new Response(status, TEXT, body);
  }

  static Response json(int status, String body) {
    return new Response(status, JSON, body);
  }
}
