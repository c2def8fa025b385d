package io.wharf.node.http;

import io.vertx.core.MultiMap;

/** Docker's query booleans: 1/0, true/false, True/False; absent means the default. */
public final class QueryFlags {
  private QueryFlags() {}

  public static boolean flag(MultiMap params, String name, boolean dflt) {
    String v = params.get(name);
    if (v == null || v.isEmpty()) {
      return dflt;
    }
    return v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes");
  }
}
