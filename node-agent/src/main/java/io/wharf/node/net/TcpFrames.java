package io.wharf.node.net;

import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * DNS over TCP framing (RFC 1035 4.2.2): each message is preceded by its length as two bytes.
 * {@link #feed} takes the bytes as they arrive, in any pieces, and hands out whole messages.
 */
final class TcpFrames {
  private final Consumer<byte[]> messages;
  private Buffer pending = Buffer.buffer();

  TcpFrames(Consumer<byte[]> messages) {
    this.messages = messages;
  }

  void feed(Buffer data) {
    pending.appendBuffer(data);
    while (pending.length() >= 2) {
      int len = pending.getUnsignedShort(0);
      if (pending.length() < 2 + len) {
        return;
      }
      messages.accept(pending.getBytes(2, 2 + len));
      pending = pending.getBuffer(2 + len, pending.length());
    }
  }

  static Buffer frame(byte[] msg) {
    return Buffer.buffer(msg.length + 2).appendUnsignedShort(msg.length).appendBytes(msg);
  }
}
