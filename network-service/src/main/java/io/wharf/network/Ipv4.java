package io.wharf.network;

import io.wharf.api.WharfException;

/** Dotted-quad IPv4 addresses as ints (unsigned arithmetic where order matters). */
public final class Ipv4 {
  private Ipv4() {}

  public static int parse(String text) {
    String[] parts = text == null ? new String[0] : text.split("\\.", -1);
    if (parts.length != 4) {
      throw WharfException.invalid("invalid IPv4 address: " + text);
    }
    int ip = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        throw WharfException.invalid("invalid IPv4 address: " + text);
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        throw WharfException.invalid("invalid IPv4 address: " + text);
      }
      ip = (ip << 8) | octet;
    }
    return ip;
  }

  public static String format(int ip) {
    return ((ip >>> 24) & 0xff) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff);
  }

  /** Docker's MAC for an address: 02:42 followed by the four address bytes. */
  public static String mac(int ip) {
    return String.format("02:42:%02x:%02x:%02x:%02x",
        (ip >>> 24) & 0xff, (ip >>> 16) & 0xff, (ip >>> 8) & 0xff, ip & 0xff);
  }
}
