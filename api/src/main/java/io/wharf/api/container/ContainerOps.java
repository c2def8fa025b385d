package io.wharf.api.container;

import java.util.List;

/**
 * Bodies of CONTAINER_TOP and CONTAINER_UPDATE ({@link io.wharf.api.Addresses.NodeOp}); pause and
 * unpause take {@link ContainerRequests.Ref}.
 */
public final class ContainerOps {
  private ContainerOps() {}

  /** @param psArgs the {@code ps_args} query, null for Docker's default {@code -ef} */
  public record Top(String id, String psArgs) {}

  public record TopTable(List<String> titles, List<List<String>> processes) {}

  /**
   * Docker's {@code POST /containers/{id}/update} fields Wharf applies; null means "unchanged".
   *
   * @param memorySwap -1 for unlimited swap
   * @param pidsLimit 0 or -1 for unlimited
   * @param cpusetCpus, cpusetMems null: unchanged
   * @param memoryReservation null: unchanged; 0 removes the soft limit
   */
  public record Update(String id, Long memory, Long memorySwap, Long nanoCpus, Long cpuShares, Long cpuQuota,
      Long cpuPeriod, Long pidsLimit, RestartPolicy restartPolicy, String cpusetCpus, String cpusetMems,
      Long memoryReservation) {

    /** An update of none of the cpuset and reservation fields (the form before they existed). */
    public Update(String id, Long memory, Long memorySwap, Long nanoCpus, Long cpuShares, Long cpuQuota,
        Long cpuPeriod, Long pidsLimit, RestartPolicy restartPolicy) {
      this(id, memory, memorySwap, nanoCpus, cpuShares, cpuQuota, cpuPeriod, pidsLimit, restartPolicy, null, null, null);
    }
  }

  public record Updated(List<String> warnings) {}
}
