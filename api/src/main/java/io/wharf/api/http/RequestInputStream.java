package io.wharf.api.http;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body as a blocking InputStream for a worker thread, fed by the event loop with
 * back-pressure: the request is paused while more than {@link #HIGH_WATER} bytes wait unread and
 * resumed when the reader has taken them below {@link #LOW_WATER}. Memory stays bounded whatever
 * the body size. Create it on the request's event loop before the request is resumed.
 */
public final class RequestInputStream extends InputStream {
  static final long HIGH_WATER = 1024 * 1024;
  static final long LOW_WATER = 256 * 1024;
  private static final Buffer END = Buffer.buffer();

  private final HttpServerRequest request;
  private final Context context;
  private final LinkedBlockingQueue<Buffer> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queued = new AtomicLong();
  private volatile boolean paused;
  private volatile Throwable failure;
  private volatile boolean bodyEnded;
  private Buffer current;
  private int pos;
  private boolean ended;

  public RequestInputStream(HttpServerRequest request, Context context) {
    this.request = request;
    this.context = context;
    request.handler(this::offer);
    request.exceptionHandler(t -> {
      failure = t;
      bodyEnded = true;
      queue.add(END);
    });
    request.endHandler(v -> {
      bodyEnded = true;
      queue.add(END);
    });
    request.resume();
  }

  private void offer(Buffer b) {
    queue.add(b);
    if (queued.addAndGet(b.length()) > HIGH_WATER && !paused) {
      paused = true;
      request.pause();
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, current.length() - pos);
    current.getBytes(pos, pos + n, b, off);
    pos += n;
    if (queued.addAndGet(-n) < LOW_WATER && paused) {
      paused = false;
      context.runOnContext(v -> request.resume());
    }
    return n;
  }

  /** Makes {@code current} hold unread bytes; false at the end of the body. */
  private boolean fill() throws IOException {
    while (!ended && (current == null || pos == current.length())) {
      try {
        current = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted reading the request body");
      }
      pos = 0;
      if (current == END) {
        ended = true;
      }
    }
    if (failure != null) {
      throw new IOException("request body failed: " + failure.getMessage(), failure);
    }
    return !ended;
  }

  /** Drops whatever of the body the reader did not take, so the connection can answer. */
  public void discardRest() {
    context.runOnContext(v -> {
      if (!bodyEnded) {
        request.handler(b -> {});
        request.resume();
      }
    });
  }
}
