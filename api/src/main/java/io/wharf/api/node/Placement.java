package io.wharf.api.node;

import java.util.Map;

/** Request and reply of {@link io.wharf.api.Addresses#SCHEDULER_PLACE}. */
public final class Placement {
  private Placement() {}

  /**
   * What a new container needs.
   *
   * @param memory bytes requested (0 = unknown)
   * @param nanoCpus CPUs requested in 1e-9 units (0 = unknown)
   * @param constraints node label constraints ("node.name" is the node's name), all must match
   */
  public record Request(long memory, long nanoCpus, Map<String, String> constraints) {}

  /** The chosen node. */
  public record Decision(String nodeId) {}
}
