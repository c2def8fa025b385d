package io.wharf.launcher;

/** Parses and formats "host[:port]" with IPv6 literals in brackets ("[::1]:5701"). */
final class HostPort {
  private HostPort() {}

  /** Returns "host:port", using {@code defaultPort} when the text has no port. */
  static String normalize(String text, int defaultPort) {
    String host;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("bad address '" + text + "': missing ']'");
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("bad address '" + text + "'");
        }
        port = rest.substring(1);
      }
    } else if (text.indexOf(':') != text.lastIndexOf(':')) {
      host = text; // a bare IPv6 literal
    } else {
      int colon = text.indexOf(':');
      host = colon < 0 ? text : text.substring(0, colon);
      port = colon < 0 ? null : text.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("bad address '" + text + "': empty host");
    }
    return format(host, port == null ? defaultPort : parsePort(port, text));
  }

  static String format(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  static int parsePort(String port, String context) {
    try {
      int p = Integer.parseInt(port);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException("bad port '" + port + "' in '" + context + "' (1-65535)");
  }
}
