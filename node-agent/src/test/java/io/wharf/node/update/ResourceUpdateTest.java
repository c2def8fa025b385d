package io.wharf.node.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerOps;
import io.wharf.api.container.HostSettings;
import io.wharf.api.container.RestartPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceUpdateTest {
  private static final HostSettings NONE = HostSettings.defaults();

  private static ContainerOps.Update update(Long memory, Long swap, Long nanoCpus, Long pids, RestartPolicy p) {
    return new ContainerOps.Update("c1", memory, swap, nanoCpus, null, null, null, pids, p);
  }

  @Test
  void plansSettingsAndRuncFlags() {
    ResourceUpdate.Plan plan = ResourceUpdate.plan("c1", NONE,
        update(64L << 20, 128L << 20, 500_000_000L, 50L, new RestartPolicy("on-failure", 3)), 2);
    assertEquals(64L << 20, plan.host().memory());
    assertEquals(128L << 20, plan.host().memorySwap());
    assertEquals(500_000_000L, plan.host().nanoCpus());
    assertEquals(50L, plan.host().pidsLimit());
    assertEquals(new RestartPolicy("on-failure", 3), plan.host().restartPolicy());
    assertEquals(List.of("--memory", "67108864", "--memory-swap", "134217728", "--cpu-period", "100000",
        "--cpu-quota", "50000", "--pids-limit", "50"), plan.runcFlags());
  }

  @Test
  void aRestartPolicyAloneNeedsNoRuntimeChange() {
    ResourceUpdate.Plan plan = ResourceUpdate.plan("c1", NONE, update(null, null, null, null, new RestartPolicy("always", 0)), 2);
    assertEquals(List.of(), plan.runcFlags());
    assertEquals("always", plan.host().restartPolicy().name());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1048576|||||Minimum memory limit allowed is 6MB",
      "134217728|67108864||||Minimum memoryswap limit should be larger than memory limit, see usage",
      "|67108864||||You should always set the Memory limit when using Memoryswap limit",
      "||5000000000|||Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available",
      "||1000|||Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available",
      "-5|||||invalid negative value -5",
      "||||always:3|maximum retry count cannot be used with restart policy 'always'",
      "||||on-failure:-1|maximum retry count cannot be negative",
      "||||sometimes:0|invalid restart policy 'sometimes'"})
  void refusesWithDockersWording(Long memory, Long swap, Long nanoCpus, Long pids, String policy, String problem) {
    RestartPolicy p = null;
    if (policy != null) {
      String[] f = policy.split(":");
      p = new RestartPolicy(f[0], Integer.parseInt(f[1]));
    }
    ContainerOps.Update u = update(memory, swap, nanoCpus, pids, p);
    WharfException e = assertThrows(WharfException.class, () -> ResourceUpdate.plan("c1", NONE, u, 2));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals("Cannot update container c1: " + problem, e.getMessage());
  }

  @Test
  void autoRemoveContainersKeepNoRestartPolicy() {
    HostSettings rm = new HostSettings(true, 0, 0, 0, 0, 0, 0, null, false, List.of(), List.of(), false, "default",
        RestartPolicy.NO, null, null, null, null, null, null, 0, null, null, null);
    assertThrows(WharfException.class,
        () -> ResourceUpdate.plan("c1", rm, update(null, null, null, null, new RestartPolicy("always", 0)), 2));
  }

  @Test
  void cpusetsAndReservationReachSettingsAndFlags() {
    HostSettings cur = NONE.withIsolation(new io.wharf.api.container.Isolation("host", "", "", "", "", 300, null, null,
        0, 0, null, null));
    ResourceUpdate.Plan plan = ResourceUpdate.plan("c1", cur, new ContainerOps.Update("c1", null, null, null, null, null,
        null, null, null, "0", "0", 16L << 20), 2);
    assertEquals("0", plan.host().isolation().cpusetCpus());
    assertEquals("0", plan.host().isolation().cpusetMems());
    assertEquals(16L << 20, plan.host().isolation().memoryReservation());
    assertEquals("host", plan.host().isolation().pidMode(), "other isolation settings are kept");
    assertEquals(300, plan.host().isolation().oomScoreAdj());
    assertEquals(List.of("--cpuset-cpus", "0", "--cpuset-mems", "0", "--memory-reservation", "16777216"),
        plan.runcFlags());
  }

  @Test
  void aReservationAboveTheLimitIsRefused() {
    HostSettings limited = ResourceUpdate.plan("c1", NONE, update(32L << 20, null, null, null, null), 2).host();
    WharfException e = assertThrows(WharfException.class, () -> ResourceUpdate.plan("c1", limited,
        new ContainerOps.Update("c1", null, null, null, null, null, null, null, null, null, null, 64L << 20), 2));
    assertEquals("Cannot update container c1: Minimum memory limit can not be less than memory reservation limit,"
        + " see usage", e.getMessage());
    assertThrows(WharfException.class, () -> ResourceUpdate.plan("c1", NONE,
        new ContainerOps.Update("c1", null, null, null, null, null, null, null, null, null, null, 1000L), 2));
  }
}
