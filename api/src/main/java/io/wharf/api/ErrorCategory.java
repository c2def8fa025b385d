package io.wharf.api;

/**
 * The closed set of failure kinds every Wharf service replies with. The gateway maps each to a
 * Docker HTTP status in exactly one place; {@link #code()} is the usual HTTP status, used by the
 * internal HTTP endpoints, and {@link #busCode()} the event-bus failure code (distinct per category,
 * because CONFLICT and FAILED_PRECONDITION share HTTP 409).
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

  /** The usual HTTP status of this category. */
  public int code() {
    return code;
  }

  private static final int BUS_CODE_BASE = 4000;

  /** Event-bus failure code: unique per category. */
  public int busCode() {
    return BUS_CODE_BASE + ordinal();
  }

  /** The category of an event-bus failure code; anything unknown is INTERNAL. */
  public static ErrorCategory fromBusCode(int busCode) {
    int i = busCode - BUS_CODE_BASE;
    return i >= 0 && i < values().length ? values()[i] : INTERNAL;
  }
}
