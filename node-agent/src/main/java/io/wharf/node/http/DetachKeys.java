package io.wharf.node.http;

import io.wharf.api.WharfException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Docker's detach keys on an attached tty's input: a sequence such as {@code ctrl-p,ctrl-q} (the
 * default) or {@code ctrl-x,x}. {@link #parse} reads Docker's notation (comma-separated single
 * characters or {@code ctrl-a..z, ctrl-@, ctrl-[, ctrl-\, ctrl-], ctrl-^, ctrl-_}); a
 * {@link Scanner} watches the input: bytes that may begin the sequence are held back until it is
 * complete (detach; those bytes are never forwarded) or broken (then they are forwarded), like
 * moby/term's escape proxy. Not thread-safe: one scanner per session, fed in order.
 */
public final class DetachKeys {
  /** Docker's default, ctrl-p ctrl-q. */
  public static final byte[] DEFAULT = {16, 17};

  private DetachKeys() {}

  /**
   * @param spec Docker's notation; null or empty is the default
   * @param what how the caller names it in errors ("detach keys" for attach, "escape keys" for exec)
   * @throws WharfException INVALID naming the spec
   */
  public static byte[] parse(String spec, String what) {
    if (spec == null || spec.isEmpty()) {
      return DEFAULT.clone();
    }
    ByteArrayOutputStream codes = new ByteArrayOutputStream();
    for (String key : spec.split(",", -1)) {
      if (key.length() == 1) {
        codes.write(key.charAt(0));
        continue;
      }
      int code = controlCode(key);
      if (code < 0) {
        throw WharfException.invalid("Invalid " + what + " (" + spec + ") provided");
      }
      codes.write(code);
    }
    return codes.toByteArray();
  }

  /** ctrl-a..ctrl-z = 1..26, ctrl-@ = 0, ctrl-[ \ ] ^ _ = 27..31; -1 for anything else. */
  private static int controlCode(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (!k.startsWith("ctrl-") || k.length() != 6) {
      return -1;
    }
    char c = k.charAt(5);
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 1;
    }
    int at = "@[\\]^_".indexOf(c);
    return at < 0 ? -1 : (at == 0 ? 0 : 26 + at);
  }

  /** Watches one input stream for the sequence. */
  public static final class Scanner {
    private final byte[] keys;
    private int matched;

    public Scanner(byte[] keys) {
      this.keys = keys.clone();
    }

    /**
     * Feeds client bytes in order.
     *
     * @return what to forward now, and whether the sequence completed (nothing after it is forwarded)
     */
    public Fed feed(byte[] in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + keys.length);
      for (byte b : in) {
        if (b == keys[matched]) {
          matched++;
          if (matched == keys.length) {
            matched = 0;
            return new Fed(out.toByteArray(), true);
          }
          continue;
        }
        out.write(keys, 0, matched); // a broken start of the sequence was ordinary input after all
        matched = 0;
        if (b == keys[0]) { // (keys of length 1 always match above)
          matched = 1;
          continue;
        }
        out.write(b);
      }
      return new Fed(out.toByteArray(), false);
    }
  }

  /** @param forward the bytes for the process; @param detach whether the client asked to detach */
  public record Fed(byte[] forward, boolean detach) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Fed f && f.detach == detach && Arrays.equals(f.forward, forward);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(forward) * 31 + Boolean.hashCode(detach);
    }

    @Override
    public String toString() {
      return "Fed[" + Arrays.toString(forward) + ", detach=" + detach + "]";
    }
  }
}
