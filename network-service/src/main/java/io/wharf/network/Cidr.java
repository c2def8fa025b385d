package io.wharf.network;

import io.wharf.api.WharfException;

/**
 * An IPv4 prefix such as {@code 10.99.0.0/24}, held as the network address and the prefix length.
 * Parsing is strict (Docker's wording for bad input); host bits set in the input are cleared, as
 * Docker does when it stores the subnet.
 */
public record Cidr(int base, int prefix) {

  public static Cidr parse(String text) {
    if (text == null) {
      throw WharfException.invalid("invalid CIDR address: null");
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw WharfException.invalid("invalid CIDR address: " + text);
    }
    int prefix;
    try {
      prefix = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw WharfException.invalid("invalid CIDR address: " + text);
    }
    if (prefix < 0 || prefix > 32) {
      throw WharfException.invalid("invalid CIDR address: " + text);
    }
    int ip;
    try {
      ip = Ipv4.parse(text.substring(0, slash));
    } catch (WharfException e) {
      throw WharfException.invalid("invalid CIDR address: " + text);
    }
    return new Cidr(ip & mask(prefix), prefix);
  }

  static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  public boolean contains(int ip) {
    return (ip & mask(prefix)) == base;
  }

  public boolean contains(Cidr other) {
    return other.prefix >= prefix && contains(other.base);
  }

  public boolean overlaps(Cidr other) {
    return contains(other.base) || other.contains(base);
  }

  /** The broadcast address (the last address of the prefix). */
  public int last() {
    return base | ~mask(prefix);
  }

  /** The number of addresses in the prefix, as a long so that /0 fits. */
  public long size() {
    return 1L << (32 - prefix);
  }

  @Override
  public String toString() {
    return Ipv4.format(base) + "/" + prefix;
  }
}
