package io.wharf.node.runtime;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;
import io.wharf.api.WharfException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes to conmon's FIFOs: {@code ctl} takes one command line ({@code 1 rows cols} resizes the
 * pty, {@code 2 0 0} reopens the log); an exec's start FIFO takes single bytes. Opened
 * O_WRONLY|O_NONBLOCK, so a FIFO whose reader (conmon) is gone fails at once with ENXIO instead of
 * blocking forever, as a plain Java open would. Blocks briefly (one open and write).
 */
final class CtlFifo {
  private CtlFifo() {}

  private static final int O_WRONLY = 01;
  private static final int O_NONBLOCK = 04000;
  private static final int O_CLOEXEC = 02000000;
  private static final int ENOENT = 2;
  private static final int ENXIO = 6;

  interface Fifo extends Library {
    Fifo C = Native.load("c", Fifo.class);

    int open(String path, int flags) throws LastErrorException;

    NativeLong write(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

    int mkfifo(String path, int mode) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int ioctl(int fd, NativeLong request, IntByReference count) throws LastErrorException;
  }

  private static final NativeLong FIONREAD = new NativeLong(0x541B);
  /** How long a ctl line may wait for conmon to read it before the next one may be written. */
  static final long DRAIN_TIMEOUT_MS = 250;
  /** One ctl line at a time (host-wide: they are rare, and conmon reads them within microseconds). */
  private static final Object SEND_LOCK = new Object();

  /** @throws WharfException FAILED_PRECONDITION when no shim reads the FIFO (container not running) */
  static void send(Path fifo, String id, String line) {
    synchronized (SEND_LOCK) {
      write(fifo, id, (line + "\n").getBytes(StandardCharsets.US_ASCII), true);
    }
  }


  /** Creates a FIFO (mode 0600). @throws WharfException INTERNAL on failure */
  static void create(Path fifo) {
    try {
      Fifo.C.mkfifo(fifo.toString(), 0600);
    } catch (LastErrorException e) {
      throw WharfException.internal("cannot create FIFO " + fifo + ": errno " + e.getErrorCode(), e);
    }
  }

  /** @throws WharfException FAILED_PRECONDITION when nobody reads the FIFO */
  static void write(Path fifo, String id, byte[] bytes) {
    write(fifo, id, bytes, false);
  }

  /**
   * With {@code drain}, returns only once the reader took the bytes out of the pipe (or after
   * {@link #DRAIN_TIMEOUT_MS}): conmon mishandles two ctl lines that arrive in one read (it applies
   * the first one twice), which is what two quick resizes would otherwise give (docker attach
   * resizes to h+1,w+1 and at once back to h,w).
   */
  private static void write(Path fifo, String id, byte[] bytes, boolean drain) {
    int fd;
    try {
      fd = Fifo.C.open(fifo.toString(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == ENXIO || e.getErrorCode() == ENOENT) {
        throw WharfException.precondition("Container " + id + " is not running");
      }
      throw WharfException.internal("cannot open " + fifo + ": errno " + e.getErrorCode(), e);
    }
    try {
      Fifo.C.write(fd, bytes, new NativeLong(bytes.length));
      if (drain) {
        awaitDrained(fd);
      }
    } catch (LastErrorException e) {
      throw WharfException.internal("cannot write to " + fifo + ": errno " + e.getErrorCode(), e);
    } finally {
      Fifo.C.close(fd);
    }
  }

  private static void awaitDrained(int fd) {
    IntByReference pending = new IntByReference();
    long deadline = System.nanoTime() + DRAIN_TIMEOUT_MS * 1_000_000L;
    while (System.nanoTime() < deadline) {
      Fifo.C.ioctl(fd, FIONREAD, pending);
      if (pending.getValue() == 0) {
        return;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
