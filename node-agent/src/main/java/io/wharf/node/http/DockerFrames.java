package io.wharf.node.http;

import io.vertx.core.buffer.Buffer;

/**
 * Docker's multiplexed stream framing (non-TTY attach, exec and logs): an 8-byte header
 * {@code [stream, 0, 0, 0, uint32 big-endian length]} then the payload. Stream 1 is stdout, 2 stderr.
 * TTY streams are raw bytes without frames.
 */
public final class DockerFrames {
  private DockerFrames() {}

  public static final int STDOUT = 1;
  public static final int STDERR = 2;

  public static Buffer frame(int stream, byte[] payload, int offset, int length) {
    Buffer b = Buffer.buffer(8 + length);
    b.appendByte((byte) stream).appendByte((byte) 0).appendByte((byte) 0).appendByte((byte) 0);
    b.appendInt(length);
    b.appendBytes(payload, offset, length);
    return b;
  }

  public static Buffer frame(int stream, byte[] payload) {
    return frame(stream, payload, 0, payload.length);
  }

  /** Either a frame or the raw bytes, depending on whether the container has a TTY. */
  public static Buffer encode(boolean tty, int stream, byte[] payload) {
    return tty ? Buffer.buffer(payload) : frame(stream, payload);
  }
}
