package io.wharf.node.build.dockerfile;

/**
 * A Dockerfile, build context or COPY source the builder cannot use. The message is Docker's
 * wording and is shown to the user as the build's error; {@link #line()} is the Dockerfile line it
 * refers to (0 when none).
 */
public final class DockerfileException extends Exception {
  private final int line;

  public DockerfileException(String message) {
    this(message, 0);
  }

  public DockerfileException(String message, int line) {
    super(message);
    this.line = line;
  }

  /** A syntax error at a line: "dockerfile parse error on line 3: unknown instruction: FORM". */
  public static DockerfileException atLine(int line, String problem) {
    return new DockerfileException("dockerfile parse error on line " + line + ": " + problem, line);
  }

  public int line() {
    return line;
  }
}
