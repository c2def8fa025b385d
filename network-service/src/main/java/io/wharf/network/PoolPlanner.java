package io.wharf.network;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.network.IpamPool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the IPAM configuration a client asked for into complete pools: picks a free subnet when
 * none is given (Docker's default address pools: 172.18-31.0.0/16, then 192.168.x.0/20), puts the
 * gateway on the first host address, and rejects what Docker rejects: invalid or overlapping
 * subnets, a gateway, ip-range or aux address outside its subnet.
 */
public final class PoolPlanner {
  /** Overlap is 403 in the Docker versions the captures come from ("Pool overlaps..."). */
  static final String OVERLAP = "Pool overlaps with other one on this address space";

  private final List<Cidr> taken;

  /** @param takenSubnets the subnets of every existing network */
  public PoolPlanner(List<String> takenSubnets) {
    this.taken = new ArrayList<>();
    takenSubnets.forEach(s -> taken.add(Cidr.parse(s)));
  }

  public List<IpamPool> plan(List<IpamPool> requested) {
    List<IpamPool> wanted = requested == null || requested.isEmpty()
        ? List.of(new IpamPool(null, null, null, null)) : requested;
    List<IpamPool> out = new ArrayList<>();
    for (IpamPool p : wanted) {
      out.add(complete(p));
    }
    return out;
  }

  private IpamPool complete(IpamPool p) {
    Cidr subnet = p.subnet() == null ? pickFree() : Cidr.parse(p.subnet());
    if (p.subnet() != null && taken.stream().anyMatch(subnet::overlaps)) {
      throw new WharfException(ErrorCategory.PERMISSION_DENIED, OVERLAP);
    }
    if (subnet.prefix() > 30) {
      throw WharfException.invalid("subnet " + subnet + " is too small: a network needs a /30 or larger");
    }
    taken.add(subnet);
    String gateway = p.gateway() == null ? Ipv4.format(subnet.base() + 1) : p.gateway();
    requireHost(subnet, gateway, "gateway ");
    String range = null;
    if (p.ipRange() != null) {
      Cidr r = Cidr.parse(p.ipRange());
      if (!subnet.contains(r)) {
        throw WharfException.invalid("ip-range " + p.ipRange() + " is not contained in subnet " + subnet);
      }
      range = r.toString();
    }
    Map<String, String> aux = new LinkedHashMap<>();
    p.auxAddresses().forEach((host, ip) -> {
      requireHost(subnet, ip, "auxiliary address " + host + "=");
      aux.put(host, ip);
    });
    return new IpamPool(subnet.toString(), gateway, range, aux);
  }

  private static void requireHost(Cidr subnet, String ip, String what) {
    int addr = Ipv4.parse(ip);
    if (!subnet.contains(addr) || addr == subnet.base() || addr == subnet.last()) {
      throw WharfException.invalid(what + ip + " is not a host address of subnet " + subnet);
    }
  }

  private Cidr pickFree() {
    for (Cidr candidate : defaultPools()) {
      if (taken.stream().noneMatch(candidate::overlaps)) {
        return candidate;
      }
    }
    throw WharfException.precondition(
        "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
  }

  static List<Cidr> defaultPools() {
    List<Cidr> pools = new ArrayList<>();
    for (int second = 17; second <= 31; second++) {
      pools.add(Cidr.parse("172." + second + ".0.0/16"));
    }
    for (int third = 0; third < 256; third += 16) {
      pools.add(Cidr.parse("192.168." + third + ".0/20"));
    }
    return pools;
  }
}
