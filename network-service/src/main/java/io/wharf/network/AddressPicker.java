package io.wharf.network;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.network.IpamPool;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Chooses container addresses in a pool. The picker only proposes; the caller takes an address
 * for real with putIfAbsent in the cluster map and asks again ({@link #next}) when it lost the
 * race. Never proposed: the network and broadcast addresses, the gateway and aux addresses.
 */
public final class AddressPicker {
  private final Cidr subnet;
  private final Cidr range;
  private final Set<Integer> reserved = new HashSet<>();

  public AddressPicker(IpamPool pool) {
    this.subnet = Cidr.parse(pool.subnet());
    this.range = pool.ipRange() == null ? subnet : Cidr.parse(pool.ipRange());
    reserved.add(Ipv4.parse(pool.gateway()));
    pool.auxAddresses().values().forEach(ip -> reserved.add(Ipv4.parse(ip)));
  }

  public int prefixLength() {
    return subnet.prefix();
  }

  /** Checks an address the client asked for ({@code --ip}): inside the subnet and not reserved. */
  public int requested(String ip) {
    int addr;
    try {
      addr = Ipv4.parse(ip);
    } catch (WharfException e) {
      throw WharfException.invalid("invalid IPv4 address: " + ip);
    }
    if (!subnet.contains(addr)) {
      throw WharfException.invalid("no configured subnet or ip-range contain the IP address " + ip);
    }
    if (!usable(addr)) {
      throw new WharfException(ErrorCategory.FAILED_PRECONDITION, "Address already in use");
    }
    return addr;
  }

  /**
   * The first usable address after {@code after} (or from the start of the range when
   * {@code after} is null) for which {@code free} holds; -1 when the range is exhausted.
   */
  public long next(Integer after, IntPredicate free) {
    long start = after == null ? Integer.toUnsignedLong(range.base()) : Integer.toUnsignedLong(after) + 1;
    long end = Integer.toUnsignedLong(range.last());
    for (long a = start; a <= end; a++) {
      int addr = (int) a;
      if (usable(addr) && free.test(addr)) {
        return a;
      }
    }
    return -1;
  }

  private boolean usable(int addr) {
    return addr != subnet.base() && addr != subnet.last() && !reserved.contains(addr);
  }
}
