package io.wharf.registry.distribution;

import io.wharf.api.ErrorCategory;

/**
 * The error codes of the OCI distribution-spec (plus Distribution's SIZE_INVALID and
 * UNSUPPORTED use), each with its wire value and HTTP status. Used by the /v2 domain to say
 * exactly which protocol error happened; the HTTP edge writes the OCI error envelope.
 */
public enum OciErrorCode {
  BLOB_UNKNOWN(404, "blob unknown to registry"),
  BLOB_UPLOAD_INVALID(400, "blob upload invalid"),
  BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
  DIGEST_INVALID(400, "provided digest did not match uploaded content"),
  MANIFEST_BLOB_UNKNOWN(404, "manifest references a manifest or blob unknown to registry"),
  MANIFEST_INVALID(400, "manifest invalid"),
  MANIFEST_UNKNOWN(404, "manifest unknown to registry"),
  NAME_INVALID(400, "invalid repository name"),
  NAME_UNKNOWN(404, "repository name not known to registry"),
  SIZE_INVALID(400, "provided length did not match content length"),
  TAG_INVALID(400, "manifest tag did not match URI"),
  UNAUTHORIZED(401, "authentication required"),
  DENIED(403, "requested access to the resource is denied"),
  UNSUPPORTED(405, "the operation is unsupported"),
  TOOMANYREQUESTS(429, "too many requests"),
  /** Distribution's code for a bad {@code n} in tags/list or _catalog. */
  PAGINATION_NUMBER_INVALID(400, "invalid number of results requested"),
  /** A range that does not continue the upload (416 Requested Range Not Satisfiable). */
  RANGE_INVALID(416, "requested range not satisfiable"),
  /** A body beyond a configured limit (413); the wire code stays SIZE_INVALID. */
  TOO_LARGE(413, "payload too large");

  private final int status;
  private final String defaultMessage;

  OciErrorCode(int status, String defaultMessage) {
    this.status = status;
    this.defaultMessage = defaultMessage;
  }

  public int status() {
    return status;
  }

  public String defaultMessage() {
    return defaultMessage;
  }

  /** The "code" string on the wire. */
  public String wire() {
    return switch (this) {
      case RANGE_INVALID -> "BLOB_UPLOAD_INVALID";
      case TOO_LARGE -> "SIZE_INVALID";
      default -> name();
    };
  }

  /** The closest Wharf category, for callers outside the HTTP edge. */
  public ErrorCategory category() {
    return switch (status) {
      case 404 -> ErrorCategory.NOT_FOUND;
      case 401, 403 -> ErrorCategory.PERMISSION_DENIED;
      case 429 -> ErrorCategory.UNAVAILABLE;
      case 405 -> ErrorCategory.FAILED_PRECONDITION;
      default -> ErrorCategory.INVALID_ARGUMENT;
    };
  }
}
