package io.wharf.node.nativeio;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A client of conmon's attach socket: AF_UNIX SOCK_SEQPACKET (Java's UNIX-domain channels are
 * stream-only). Each packet from conmon is one byte of stream id (2 = stdout, 3 = stderr; a tty
 * counts as stdout) followed by up to 8192 bytes. Bytes written go to the container's stdin.
 *
 * <p>Every call blocks. One thread reads; any thread may write, shut down or close. {@link #close()}
 * first shuts the socket down, which wakes a blocked {@link #read()} (it returns null), and only
 * then releases the descriptor, so a reader never touches a reused fd number.
 */
public final class SeqpacketSocket implements AutoCloseable {
  public static final int STDOUT = 2;
  public static final int STDERR = 3;
  /** 1 byte of stream id + conmon's 8192-byte payload; a smaller buffer would truncate packets. */
  static final int READ_BUFFER = 8193 + 1024;
  /** Largest stdin packet we send: conmon reads its socket in chunks no bigger than this. */
  static final int WRITE_CHUNK = 8192;
  /** sun_path holds 108 bytes including the terminating NUL. */
  static final int MAX_PATH_BYTES = 107;

  private static final int AF_UNIX = 1;
  private static final int SOCK_SEQPACKET = 5;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int SHUT_WR = 1;
  private static final int SHUT_RDWR = 2;
  private static final int EINTR = 4;
  private static final int MSG_NOSIGNAL = 0x4000;

  /** One packet: the conmon stream id and the data. */
  public record Packet(int stream, byte[] data) {}

  interface Socket extends Library {
    Socket C = Native.load("c", Socket.class);

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int connect(int fd, byte[] address, int length) throws LastErrorException;

    NativeLong read(int fd, byte[] buffer, NativeLong count) throws LastErrorException;

    NativeLong send(int fd, byte[] buffer, NativeLong count, int flags) throws LastErrorException;

    int shutdown(int fd, int how) throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private final int fd;
  private final String path;
  private final ReentrantLock readLock = new ReentrantLock();
  private final ReentrantLock writeLock = new ReentrantLock();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile boolean closed;

  private SeqpacketSocket(int fd, String path) {
    this.fd = fd;
    this.path = path;
  }

  /**
   * Connects to {@code socketPath}.
   *
   * @throws IllegalArgumentException when the path is longer than sun_path allows
   * @throws NativeException with ENOENT / ECONNREFUSED when nobody listens there
   */
  public static SeqpacketSocket connect(Path socketPath) {
    String path = socketPath.toString();
    byte[] name = path.getBytes(StandardCharsets.UTF_8);
    if (name.length > MAX_PATH_BYTES) {
      throw new IllegalArgumentException("socket path is " + name.length + " bytes, more than the "
          + MAX_PATH_BYTES + " a unix socket address holds: " + path);
    }
    byte[] address = new byte[2 + name.length + 1];
    address[0] = AF_UNIX; // sa_family_t, little-endian
    System.arraycopy(name, 0, address, 2, name.length);
    int fd;
    try {
      fd = Socket.C.socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
    } catch (LastErrorException e) {
      throw new NativeException(e.getErrorCode(), "socket", path);
    }
    try {
      Socket.C.connect(fd, address, address.length);
    } catch (LastErrorException e) {
      Socket.C.close(fd);
      throw new NativeException(e.getErrorCode(), "connect", path);
    }
    return new SeqpacketSocket(fd, path);
  }

  /** The next packet, or null at end of stream (the container exited or the socket was closed). */
  public Packet read() {
    byte[] buf = new byte[READ_BUFFER];
    readLock.lock();
    try {
      while (!closed) {
        long n;
        try {
          n = Socket.C.read(fd, buf, new NativeLong(buf.length)).longValue();
        } catch (LastErrorException e) {
          if (e.getErrorCode() == EINTR) {
            continue;
          }
          if (closed) {
            return null;
          }
          throw new NativeException(e.getErrorCode(), "read", path);
        }
        if (n <= 0) {
          return null;
        }
        if (n > 1) {
          return new Packet(buf[0], Arrays.copyOfRange(buf, 1, (int) n));
        }
      }
      return null;
    } finally {
      readLock.unlock();
    }
  }

  /** Sends bytes to the container's stdin, in packets of at most 8192 bytes. Empty input sends nothing. */
  public void write(byte[] data) {
    writeLock.lock();
    try {
      int off = 0;
      while (off < data.length && !closed) {
        int len = Math.min(WRITE_CHUNK, data.length - off);
        byte[] chunk = off == 0 && len == data.length ? data : Arrays.copyOfRange(data, off, off + len);
        try {
          off += (int) Socket.C.send(fd, chunk, new NativeLong(len), MSG_NOSIGNAL).longValue();
        } catch (LastErrorException e) {
          if (e.getErrorCode() != EINTR) {
            throw new NativeException(e.getErrorCode(), "write", path);
          }
        }
      }
      if (closed && off < data.length) {
        throw new IllegalStateException("attach socket " + path + " is closed");
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Ends stdin: conmon then closes the container's stdin unless started with --leave-stdin-open. */
  public void shutdownWrite() {
    writeLock.lock();
    try {
      if (!closed) {
        Socket.C.shutdown(fd, SHUT_WR);
      }
    } catch (LastErrorException e) {
      throw new NativeException(e.getErrorCode(), "shutdown", path);
    } finally {
      writeLock.unlock();
    }
  }

  /** Idempotent. Wakes a blocked reader, then releases the descriptor once no call is using it. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    closed = true;
    try {
      Socket.C.shutdown(fd, SHUT_RDWR);
    } catch (LastErrorException e) {
      // already disconnected: nothing to wake
    }
    readLock.lock();
    writeLock.lock();
    try {
      Socket.C.close(fd);
    } catch (LastErrorException e) {
      // the descriptor is released even when close reports an error
    } finally {
      writeLock.unlock();
      readLock.unlock();
    }
  }
}
