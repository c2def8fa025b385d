package io.wharf.api.network;

import java.util.Set;

/** The networks every daemon has, as Docker names them. */
public final class BuiltinNetworks {
  private BuiltinNetworks() {}

  public static final String BRIDGE = "bridge";
  public static final String HOST = "host";
  public static final String NONE = "none";
  public static final Set<String> NAMES = Set.of(BRIDGE, HOST, NONE);

  /** The default bridge's subnet unless the daemon is configured otherwise. */
  public static final String DEFAULT_BRIDGE_SUBNET = "172.17.0.0/16";
}
