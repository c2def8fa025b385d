package io.wharf.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 response head read off a raw socket (the hijack proxy speaks HTTP to the node by
 * hand). Header names are kept lower-case.
 *
 * @param length bytes the head occupies, including the final empty line
 */
public record ResponseHead(int status, String reason, Map<String, String> headers, int length) {

  private static final byte[] END = {'\r', '\n', '\r', '\n'};

  /** Index just past the blank line ending the head, or -1 when {@code bytes} holds no full head yet. */
  public static int endOfHead(byte[] bytes) {
    outer:
    for (int i = 0; i + END.length <= bytes.length; i++) {
      for (int j = 0; j < END.length; j++) {
        if (bytes[i + j] != END[j]) {
          continue outer;
        }
      }
      return i + END.length;
    }
    return -1;
  }

  /** Parses the head at the start of {@code bytes}; null if incomplete; IllegalArgumentException if malformed. */
  public static ResponseHead parse(byte[] bytes) {
    int end = endOfHead(bytes);
    if (end < 0) {
      return null;
    }
    String[] lines = new String(bytes, 0, end - 4, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] status = lines[0].split(" ", 3);
    if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
      throw new IllegalArgumentException("not an HTTP response: " + lines[0]);
    }
    int code;
    try {
      code = Integer.parseInt(status[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad status line: " + lines[0]);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    return new ResponseHead(code, status.length > 2 ? status[2] : "", headers, end);
  }

  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** Content-Length, or -1 when absent. */
  public long contentLength() {
    String v = header("content-length");
    return v == null ? -1 : Long.parseLong(v.trim());
  }

  public boolean chunked() {
    String v = header("transfer-encoding");
    return v != null && v.toLowerCase(Locale.ROOT).contains("chunked");
  }
}
