package io.wharf.node.runtime;

import java.util.List;

/** A container user resolved to numbers, as runc's process.user wants it. */
public record ResolvedUser(long uid, long gid, List<Long> additionalGids) {
  public static final ResolvedUser ROOT = new ResolvedUser(0, 0, List.of());
}
