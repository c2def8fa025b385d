package io.wharf.node.build;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Docker's build JSON message stream, one object per line: {@code {"stream":"..."}} text the CLI
 * prints, {@code {"aux":{"ID":"sha256:..."}}} the result (for -q and --iidfile), and
 * {@code {"errorDetail":{"code":N,"message":"..."},"error":"..."}} the terminal failure. With
 * {@code quiet} only the final id is written (as Docker's {@code q=1}: one stream line). Each
 * message is flushed at once so the CLI shows progress as it happens. Thread-safe.
 */
public final class BuildMessages {
  private final OutputStream out;
  private final boolean quiet;
  private final java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();

  public BuildMessages(OutputStream out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  /** Set when the client went away (Ctrl-C): the running step stops and the build fails. */
  public java.util.concurrent.atomic.AtomicBoolean cancelled() {
    return cancelled;
  }

  /** Text the CLI prints as is (include the newline). */
  public void stream(String text) {
    if (!quiet) {
      write(new JsonObject().put("stream", text));
    }
  }

  /** Pull progress and other status lines. */
  public void status(JsonObject message) {
    if (!quiet) {
      write(message);
    }
  }

  /** The built image: aux id, then "Successfully built"; quiet: the id alone. */
  public void built(String imageId) {
    if (quiet) {
      write(new JsonObject().put("stream", imageId + "\n"));
      return;
    }
    write(new JsonObject().put("aux", new JsonObject().put("ID", imageId)));
    stream("Successfully built " + shortId(imageId) + "\n");
  }

  public void error(int code, String message) {
    JsonObject detail = new JsonObject();
    if (code != 0) {
      detail.put("code", code);
    }
    detail.put("message", message);
    write(new JsonObject().put("errorDetail", detail).put("error", message));
  }

  /** The 12-hex short form of "sha256:..." ids, as Docker prints them. */
  public static String shortId(String id) {
    String hex = id.startsWith("sha256:") ? id.substring(7) : id;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  private synchronized void write(JsonObject message) {
    try {
      out.write((message.encode() + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the build client went away", e);
    }
  }
}
