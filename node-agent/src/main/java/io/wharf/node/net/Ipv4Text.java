package io.wharf.node.net;

/** Dotted-quad text to the int the DNS answer carries. */
final class Ipv4Text {
  private Ipv4Text() {}

  static int parse(String ip) {
    String[] p = ip.split("\\.");
    return (Integer.parseInt(p[0]) << 24) | (Integer.parseInt(p[1]) << 16)
        | (Integer.parseInt(p[2]) << 8) | Integer.parseInt(p[3]);
  }
}
