package io.wharf.node.http;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.wharf.node.nativeio.SeqpacketSocket;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attached client: joins its hijacked HTTP connection to the container's conmon attach socket.
 *
 * <p>Contract: stdin bytes that arrive before the container starts are buffered and delivered once
 * connected; a half-close from the client (stdin EOF) becomes a shutdown of the socket's write side,
 * so conmon closes the container's stdin when the container asked for StdinOnce; output keeps
 * flowing after the client's EOF until the container's stdio ends, then the connection is closed.
 * A client that goes away only detaches: the container keeps running.
 */
public final class AttachSession {
  private static final Logger LOG = LoggerFactory.getLogger(AttachSession.class);
  private static final int CONMON_STDOUT = 2;
  private static final int MAX_WRITES_IN_FLIGHT = 64;

  private final NetSocket client;
  private final Context context;
  private final boolean tty;
  private final boolean stdin;
  private final boolean stdout;
  private final boolean stderr;
  private final ExecutorService stdinWriter;
  private final Semaphore inFlight = new Semaphore(MAX_WRITES_IN_FLIGHT);
  private final ByteArrayOutputStream pendingStdin = new ByteArrayOutputStream();
  private volatile SeqpacketSocket socket;
  private volatile boolean stdinClosed;
  private volatile boolean closed;
  private volatile java.util.function.Supplier<Buffer> trailer = () -> null;
  /** Watches a tty's input for the detach keys; null when not watching. Event loop only. */
  private DetachKeys.Scanner detachKeys;

  public AttachSession(NetSocket client, Context context, boolean tty, boolean stdin, boolean stdout,
      boolean stderr) {
    this.client = client;
    this.context = context;
    this.tty = tty;
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
    this.stdinWriter = Executors.newSingleThreadExecutor(r -> new Thread(r, "wharf-attach-stdin"));
  }

  /**
   * Runs on the output thread once the output ended and before the client is closed (unless the
   * client went away first); may block. Its bytes, if not null, are the last the client gets.
   * Exec uses it to record the exit code before the stream closes.
   */
  public void onOutputEnd(java.util.function.Supplier<Buffer> last) {
    this.trailer = last;
  }

  /**
   * Makes the session end, as Docker's, when the client types {@code keys} on a tty's input: the
   * bytes before them reach the process, the keys do not, then the connection is closed; the
   * process keeps running. Call before the first {@link #clientData}; ignored without a tty.
   */
  public void detachOn(byte[] keys) {
    if (tty && stdin) {
      detachKeys = new DetachKeys.Scanner(keys);
    }
  }

  /** Called on the event loop when client bytes arrive. */
  public void clientData(Buffer data) {
    if (!stdin || stdinClosed) {
      return;
    }
    byte[] bytes = data.getBytes();
    if (detachKeys != null) {
      DetachKeys.Fed fed = detachKeys.feed(bytes);
      if (fed.detach()) {
        detach(fed.forward());
        return;
      }
      bytes = fed.forward();
    }
    forward(bytes);
  }

  /** The detach keys were typed: deliver what came before them, then close the connection. */
  private void detach(byte[] last) {
    stdinClosed = true;
    synchronized (pendingStdin) {
      if (socket == null) {
        pendingStdin.writeBytes(last);
        client.close();
        return;
      }
    }
    stdinWriter.execute(() -> {
      writeStdin(last);
      context.runOnContext(v -> client.close());
    });
  }

  private void forward(byte[] bytes) {
    synchronized (pendingStdin) {
      if (socket == null) {
        pendingStdin.writeBytes(bytes);
        return;
      }
    }
    stdinWriter.execute(() -> writeStdin(bytes));
  }

  /** Called on the event loop when the client half-closes (its stdin ended). */
  public void clientEndOfInput() {
    if (!stdin || stdinClosed) {
      return;
    }
    stdinClosed = true;
    synchronized (pendingStdin) {
      if (socket == null) {
        return;
      }
    }
    stdinWriter.execute(this::shutdownStdin);
  }

  /** Called when the client connection is gone: detach. */
  public void clientClosed() {
    closed = true;
    SeqpacketSocket s = socket;
    if (s != null) {
      s.close();
    }
    stdinWriter.shutdown();
  }

  /**
   * Connects to the container's attach socket (blocking; on a worker thread), flushes buffered
   * stdin, and starts the thread that copies output to the client.
   */
  public void connect(Path attachSocket) {
    SeqpacketSocket s = SeqpacketSocket.connect(attachSocket);
    byte[] early;
    synchronized (pendingStdin) {
      early = pendingStdin.toByteArray();
      pendingStdin.reset();
      socket = s;
    }
    if (closed) {
      s.close();
      return;
    }
    if (early.length > 0) {
      stdinWriter.execute(() -> writeStdin(early));
    }
    if (stdinClosed) {
      stdinWriter.execute(this::shutdownStdin);
    }
    Thread reader = new Thread(this::copyOutput, "wharf-attach-out");
    reader.setDaemon(true);
    reader.start();
  }

  /** The container could not be started: tell the client by closing the stream. */
  public void fail(String message) {
    LOG.debug("attach ended before start: {}", message);
    context.runOnContext(v -> client.close());
    stdinWriter.shutdown();
  }

  private void copyOutput() {
    try {
      SeqpacketSocket.Packet p;
      while ((p = socket.read()) != null) {
        int dockerStream = p.stream() == CONMON_STDOUT ? DockerFrames.STDOUT : DockerFrames.STDERR;
        if ((dockerStream == DockerFrames.STDOUT && !stdout) || (dockerStream == DockerFrames.STDERR && !stderr)) {
          continue;
        }
        Buffer out = DockerFrames.encode(tty, dockerStream, p.data());
        inFlight.acquireUninterruptibly();
        context.runOnContext(v -> client.write(out).onComplete(ar -> inFlight.release()));
      }
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.debug("attach output ended: {}", e.getMessage());
      }
    } finally {
      inFlight.acquireUninterruptibly(MAX_WRITES_IN_FLIGHT);
      socket.close();
      stdinWriter.shutdown();
      Buffer tail = closed ? null : lastBytes();
      context.runOnContext(v -> {
        if (tail != null) {
          client.write(tail);
        }
        client.close();
      });
    }
  }

  private Buffer lastBytes() {
    try {
      return trailer.get();
    } catch (RuntimeException e) {
      LOG.debug("end of attach stream: {}", e.getMessage());
      return null;
    }
  }

  private void writeStdin(byte[] bytes) {
    try {
      socket.write(bytes);
    } catch (RuntimeException e) {
      LOG.debug("stdin write failed: {}", e.getMessage());
    }
  }

  private void shutdownStdin() {
    try {
      socket.shutdownWrite();
    } catch (RuntimeException e) {
      LOG.debug("stdin shutdown failed: {}", e.getMessage());
    }
  }
}
