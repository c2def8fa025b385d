package io.wharf.node.runtime;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads a container's CRI log file ({@link CriLog}) for {@code docker logs}: tail, since, until and
 * follow. Memory stays bounded by {@code tail} records. Everything blocks the calling thread; a
 * follow ends when the caller cancels, when {@code until} passes, or when {@code finished} says
 * no more output can come and the file has been read to its end. A torn last line (conmon in the
 * middle of a write) is left for the next poll, or dropped at the end of a non-follow read. A
 * rotated file (renamed, then conmon reopens ctr.log) is read to its end before the new one, and
 * the files already rotated ({@code ctr.log.N} .. {@code ctr.log.1}, see {@link LogRotator}) are
 * read first, oldest first.
 * Safe to use from several threads at once: each call keeps its own position.
 */
public final class LogReader {
  static final long POLL_MS = 150;

  private final Path file;

  public LogReader(Path logFile) {
    this.file = logFile;
  }

  /** Every matching record now in the file (follow is ignored). */
  public List<LogRecord> readAll(LogQuery query) {
    List<LogRecord> out = new ArrayList<>();
    stream(new LogQuery(query.tail(), query.sinceNanos(), query.untilNanos(), false), out::add,
        () -> true, new AtomicBoolean());
    return out;
  }

  /**
   * Delivers matching records to {@code sink} in file order, on the calling thread.
   *
   * @param finished polled in follow mode: true once no more output can come (container exited)
   * @param cancelled set by another thread to stop a follow within one poll interval
   * @throws io.wharf.api.WharfException INTERNAL when the file cannot be read
   */
  public void stream(LogQuery query, Consumer<LogRecord> sink, BooleanSupplier finished, AtomicBoolean cancelled) {
    Delivery delivery = new Delivery(query, sink);
    CriLog cri = new CriLog(delivery::offer);
    for (Path older : LogRotator.rotatedOldestFirst(file)) {
      try (LogCursor rotated = new LogCursor(older)) {
        rotated.readLines(cri::accept);
      }
    }
    try (LogCursor cursor = new LogCursor(file)) {
      cursor.readLines(cri::accept);
      if (!query.follow()) {
        cri.flushPartials();
        delivery.flushTail();
        return;
      }
      delivery.flushTail();
      while (!cancelled.get() && !delivery.ended && !pastUntil(query)) {
        boolean wasFinished = finished.getAsBoolean();
        boolean progressed = cursor.readLines(cri::accept);
        if (wasFinished && !progressed) {
          cri.flushPartials();
          return;
        }
        if (!progressed) {
          Thread.sleep(POLL_MS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean pastUntil(LogQuery q) {
    return q.untilNanos() != 0 && System.currentTimeMillis() * 1_000_000L > q.untilNanos();
  }

  /** Applies tail (buffering until the initial read is done), since and until. */
  private static final class Delivery {
    final LogQuery query;
    final Consumer<LogRecord> sink;
    ArrayDeque<LogRecord> tailBuffer;
    boolean ended;

    Delivery(LogQuery query, Consumer<LogRecord> sink) {
      this.query = query;
      this.sink = sink;
      this.tailBuffer = query.tail() >= 0 ? new ArrayDeque<>() : null;
    }

    void offer(LogRecord r) {
      if (tailBuffer == null) {
        deliver(r);
      } else if (query.tail() > 0) {
        if (tailBuffer.size() == query.tail()) {
          tailBuffer.removeFirst();
        }
        tailBuffer.addLast(r);
      }
    }

    void flushTail() {
      if (tailBuffer != null) {
        ArrayDeque<LogRecord> b = tailBuffer;
        tailBuffer = null;
        b.forEach(this::deliver);
      }
    }

    private void deliver(LogRecord r) {
      if (ended || !query.afterSince(r.timeNanos())) {
        return;
      }
      if (query.pastUntil(r.timeNanos())) {
        ended = true;
        return;
      }
      sink.accept(r);
    }
  }
}
