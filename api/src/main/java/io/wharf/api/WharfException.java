package io.wharf.api;

/**
 * A failure with a category and a message that names the object and its state, e.g.
 * {@code "You cannot remove a running container 3f2a... Stop the container before attempting removal or force remove"}.
 * The message is shown to users verbatim, so it follows Docker's wording where Docker has one.
 */
public class WharfException extends RuntimeException {
  private final ErrorCategory category;

  public WharfException(ErrorCategory category, String message) {
    super(message, null, false, false);
    this.category = category;
  }

  public WharfException(ErrorCategory category, String message, Throwable cause) {
    super(message, cause, false, false);
    this.category = category;
  }

  public ErrorCategory category() {
    return category;
  }

  public static WharfException notFound(String message) {
    return new WharfException(ErrorCategory.NOT_FOUND, message);
  }

  public static WharfException conflict(String message) {
    return new WharfException(ErrorCategory.CONFLICT, message);
  }

  public static WharfException invalid(String message) {
    return new WharfException(ErrorCategory.INVALID_ARGUMENT, message);
  }

  public static WharfException precondition(String message) {
    return new WharfException(ErrorCategory.FAILED_PRECONDITION, message);
  }

  public static WharfException internal(String message, Throwable cause) {
    return new WharfException(ErrorCategory.INTERNAL, message, cause);
  }

  /** Wraps any throwable: a WharfException stays as it is, anything else becomes INTERNAL. */
  public static WharfException of(Throwable t) {
    if (t instanceof WharfException w) {
      return w;
    }
    String msg = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    return new WharfException(ErrorCategory.INTERNAL, msg, t);
  }
}
