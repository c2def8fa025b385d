package io.wharf.node.runtime;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
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
  }

  /** @throws WharfException FAILED_PRECONDITION when no shim reads the FIFO (container not running) */
  static void send(Path fifo, String id, String line) {
    write(fifo, id, (line + "\n").getBytes(StandardCharsets.US_ASCII));
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
    } catch (LastErrorException e) {
      throw WharfException.internal("cannot write to " + fifo + ": errno " + e.getErrorCode(), e);
    } finally {
      Fifo.C.close(fd);
    }
  }
}
