package io.wharf.launcher;

/** A command line that cannot be understood; the message says what is wrong and is shown as is. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message, null, false, false);
  }
}
