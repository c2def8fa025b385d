package io.wharf.registry.distribution;

import io.wharf.api.WharfException;

/** A /v2 failure that carries its OCI error code; a {@link WharfException} for everyone else. */
public final class DistributionException extends WharfException {
  private final OciErrorCode code;
  private final Object detail;

  public DistributionException(OciErrorCode code, String message, Object detail) {
    super(code.category(), message);
    this.code = code;
    this.detail = detail;
  }

  public DistributionException(OciErrorCode code, String message) {
    this(code, message, null);
  }

  public OciErrorCode code() {
    return code;
  }

  /** Extra structured detail for the error envelope, or null. */
  public Object detail() {
    return detail;
  }

  public static DistributionException of(OciErrorCode code, String message) {
    return new DistributionException(code, message);
  }
}
