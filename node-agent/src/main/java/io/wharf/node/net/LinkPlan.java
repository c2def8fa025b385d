package io.wharf.node.net;

import io.wharf.api.network.BuiltinNetworks;
import io.wharf.api.network.Endpoint;
import io.wharf.api.network.NetworkRecord;

/**
 * What the node must set up to put one container on one bridge network, as data: the bridge
 * (created once per network), the veth pair (host end on the bridge, container end renamed in
 * the container's netns), the address and default route, and whether egress is NATed.
 * Interface names stay within Linux's 15 characters.
 *
 * @param netns the name under /var/run/netns (the container id, which runc joins)
 * @param ifName the container-side name: eth0 for the first network, eth1... after
 */
public record LinkPlan(String netns, String bridge, String bridgeAddress, String subnet, boolean internal,
    String hostVeth, String ifName, String address, String mac, String gateway) {

  /** The default bridge is wharf0; a user network's bridge is wh-&lt;first 12 of its id&gt;. */
  public static String bridgeName(NetworkRecord n) {
    return n.name().equals(BuiltinNetworks.BRIDGE) ? "wharf0" : "wh-" + n.id().substring(0, 12);
  }

  /** @param index the container's network index: 0 for eth0 */
  public static LinkPlan of(String containerId, NetworkRecord n, Endpoint e, int index) {
    var pool = n.pools().get(0);
    int prefix = e.prefixLength();
    String hostVeth = "wv" + containerId.substring(0, 10) + index;
    return new LinkPlan(containerId, bridgeName(n), pool.gateway() + "/" + prefix, pool.subnet(), n.internal(),
        hostVeth, "eth" + index, e.ipv4() + "/" + prefix, e.mac(), pool.gateway());
  }
}
