package dev.weft.shim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a chaincode returns for a transaction: a status (200 success, 400–499 a client error the
 * endorser still returns, 500 and above a failure), a message and a payload, as Fabric's {@code
 * peer.Response}.
 */
public final class Response {

  /** Status of a successful response. */
  public static final int OK = 200;

  /** Lowest status of an error the endorser does not endorse. */
  public static final int ERROR_THRESHOLD = 400;

  /** Status of a failed response. */
  public static final int ERROR = 500;

  private final int status;
  private final String message;
  private final byte[] payload;

  /** A response with the given status, message (null means empty) and payload (null: empty). */
  public Response(int status, String message, byte[] payload) {
    this.status = status;
    this.message = message == null ? "" : message;
    this.payload = payload == null ? new byte[0] : payload.clone();
  }

  /** Status 200, empty payload. */
  public static Response success() {
    return new Response(OK, "", null);
  }

  /** Status 200 with a payload. */
  public static Response success(byte[] payload) {
    return new Response(OK, "", payload);
  }

  /** Status 200 with the UTF-8 bytes of {@code payload}. */
  public static Response success(String payload) {
    return success(payload.getBytes(StandardCharsets.UTF_8));
  }

  /** Status 500 with a message. */
  public static Response error(String message) {
    return new Response(ERROR, message, null);
  }

  /** An error with a status of the chaincode's choosing (400–499 or 500 and above). */
  public static Response error(int status, String message) {
    if (status < ERROR_THRESHOLD) {
      throw new IllegalArgumentException("an error status is 400 or more, got " + status);
    }
    return new Response(status, message, null);
  }

  public int status() {
    return status;
  }

  public String message() {
    return message;
  }

  /** A copy of the payload. */
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload decoded as UTF-8. */
  public String payloadAsString() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /** Whether the status is below 400. */
  public boolean isSuccess() {
    return status < ERROR_THRESHOLD;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Response that
        && status == that.status
        && message.equals(that.message)
        && Arrays.equals(payload, that.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, message, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return "Response{status="
        + status
        + ", message="
        + message
        + ", payload="
        + payload.length
        + " bytes}";
  }
}
