package io.wharf.scheduler;

import io.wharf.api.node.NodeRecord;
import io.wharf.api.node.Placement;
import java.util.Optional;

/** Rejects nodes whose last heartbeat is older than the limit (their agent is down or cut off). */
public final class AliveFilter implements NodeFilter {
  /** A node agent refreshes its record every few seconds; three missed beats mean it is gone. */
  public static final long DEFAULT_MAX_AGE_MILLIS = 15_000;
  static final String REASON = "not alive";

  private final long maxAgeMillis;

  public AliveFilter(long maxAgeMillis) {
    this.maxAgeMillis = maxAgeMillis;
  }

  public AliveFilter() {
    this(DEFAULT_MAX_AGE_MILLIS);
  }

  @Override
  public Optional<String> reject(NodeRecord node, Placement.Request request, ClusterSnapshot snapshot) {
    long age = snapshot.nowMillis() - node.heartbeatMillis();
    return age > maxAgeMillis ? Optional.of(REASON) : Optional.empty();
  }
}
