package io.wharf.api.http;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.Semaphore;

/**
 * An OutputStream for a worker thread that writes into an HTTP response owned by an event loop:
 * bytes go out in 64 KiB chunks, each written on the response's context, with at most
 * {@link #WINDOW} chunks in flight (the writer blocks beyond that: back-pressure, bounded memory).
 * A failed write (client gone) makes later writes throw. close() waits for every chunk but does
 * not end the response.
 */
public final class ResponseOutputStream extends OutputStream {
  static final int CHUNK = 64 * 1024;
  static final int WINDOW = 8;

  private final HttpServerResponse response;
  private final Context context;
  private final Semaphore inFlight = new Semaphore(WINDOW);
  private final byte[] buf = new byte[CHUNK];
  private int used;
  private volatile Throwable failure;

  public ResponseOutputStream(HttpServerResponse response, Context context) {
    this.response = response;
    this.context = context;
  }

  @Override
  public void write(int b) throws IOException {
    if (used == buf.length) {
      flush();
    }
    buf[used++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (used == buf.length) {
        flush();
      }
      int n = Math.min(len, buf.length - used);
      System.arraycopy(b, off, buf, used, n);
      used += n;
      off += n;
      len -= n;
    }
  }

  @Override
  public void flush() throws IOException {
    checkFailure();
    if (used == 0) {
      return;
    }
    Buffer chunk = Buffer.buffer(Arrays.copyOf(buf, used));
    used = 0;
    acquire(1);
    context.runOnContext(v -> response.write(chunk).onComplete(ar -> {
      if (ar.failed()) {
        failure = ar.cause();
      }
      inFlight.release();
    }));
  }

  @Override
  public void close() throws IOException {
    flush();
    acquire(WINDOW);
    inFlight.release(WINDOW);
    checkFailure();
  }

  private void acquire(int permits) throws IOException {
    try {
      inFlight.acquire(permits);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted writing the response");
    }
  }

  private void checkFailure() throws IOException {
    Throwable t = failure;
    if (t != null) {
      throw new IOException("response write failed: " + t.getMessage(), t);
    }
  }
}
