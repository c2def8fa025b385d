package io.wharf.api;

/**
 * The closed set of failure kinds every Wharf service replies with. The gateway maps each to an
 * HTTP status in exactly one place; {@link #code()} is the event-bus failure code.
 */
public enum ErrorCategory {
  /** The named object does not exist (HTTP 404). */
  NOT_FOUND(404),
  /** The object exists but its state forbids the operation, e.g. a name in use (HTTP 409). */
  CONFLICT(409),
  /** The request itself is malformed or out of range (HTTP 400). */
  INVALID_ARGUMENT(400),
  /** The object is in a state where the operation makes no sense (HTTP 409 unless the edge says otherwise). */
  FAILED_PRECONDITION(409),
  /** The caller may not do this (HTTP 403). */
  PERMISSION_DENIED(403),
  /** A service or node could not be reached in time (HTTP 503). */
  UNAVAILABLE(503),
  /** Anything else: a bug or an unexpected host failure (HTTP 500). */
  INTERNAL(500);

  private final int code;

  ErrorCategory(int code) {
    this.code = code;
  }

  /** Event-bus failure code; equals the usual HTTP status. */
  public int code() {
    return code;
  }

  public static ErrorCategory fromCode(int code) {
    for (ErrorCategory c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    return INTERNAL;
  }
}
