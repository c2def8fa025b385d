package io.wharf.node.build;

/**
 * A build that cannot go on, with the message and code Docker's build stream reports
 * ({@code errorDetail}): the exit code of a failed RUN, else 0 (the CLI then exits 1).
 */
public final class BuildFailure extends Exception {
  private final int code;

  public BuildFailure(String message) {
    this(message, 0);
  }

  public BuildFailure(String message, int code) {
    super(message);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
