package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.HostSettings;
import io.wharf.api.container.RestartPolicy;
import io.wharf.api.container.Ulimit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Run options with real runc and conmon: each one's effect as the container sees it (root only). */
class RunOptionsIT {
  private RuntimeFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    RuntimeFixture.requirePrivilegedHost();
    fx = new RuntimeFixture();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  private static HostSettings host(boolean readOnly, List<String> securityOpt, Map<String, String> tmpfs,
      List<Ulimit> ulimits, long shm, Map<String, String> sysctls, Boolean init) {
    return new HostSettings(false, 0, 0, 0, 0, 0, 0, null, false, List.of(), List.of(), readOnly, "none",
        RestartPolicy.NO, null, tmpfs, ulimits, List.of(), securityOpt, List.of(), shm, sysctls, init, Map.of());
  }

  private String run(String script, HostSettings host) throws Exception {
    String id = fx.newId();
    ContainerSpec spec = RuntimeFixture.spec(List.of("sh", "-c", script), false, false, false, host);
    fx.runtime.create(fx.input(id, spec));
    fx.runtime.start(id);
    assertEquals(0, fx.awaitExit(id, 20_000), fx.log(id));
    return fx.log(id);
  }

  @Test
  void defaultSeccompBlocksMountAndNoNewPrivilegesSticks() throws Exception {
    String out = run("grep -E '^(Seccomp|NoNewPrivs):' /proc/self/status; mkdir /m; mount -t tmpfs t /m || echo blocked",
        host(false, List.of("no-new-privileges"), Map.of(), List.of(), 0, Map.of(), null));
    assertTrue(out.contains("NoNewPrivs:\t1"), out);
    assertTrue(out.contains("Seccomp:\t2"), out);
    assertTrue(out.contains("blocked"), out);
  }

  @Test
  void readOnlyRootfsTmpfsUlimitShmAndSysctl() throws Exception {
    String out = run("touch /x 2>/dev/null || echo ro; touch /scratch/x && echo tmpfs-rw; mount | grep /scratch;"
        + " ulimit -n; df -k /dev/shm | tail -1; sysctl -n kernel.shmmax",
        host(true, List.of(), Map.of("/scratch", "size=1m"), List.of(new Ulimit("nofile", 512, 1024)), 2L << 20,
            Map.of("kernel.shmmax", "1000000"), null));
    assertTrue(out.contains("ro\n") && out.contains("tmpfs-rw\n"), out);
    assertTrue(out.contains("tmpfs on /scratch type tmpfs (rw,nosuid,nodev,noexec,relatime,size=1024k)"), out);
    assertTrue(out.contains("\n512\n"), out);
    assertTrue(out.contains(" 2048 "), out);
    assertTrue(out.endsWith("1000000\n"), out);
  }

  @Test
  void initRunsAsPidOne() throws Exception {
    String out = run("cat /proc/1/cmdline | tr '\\0' ' '", host(false, List.of(), Map.of(), List.of(), 0, Map.of(),
        true));
    assertTrue(out.startsWith("/sbin/docker-init -- sh -c"), out);
  }
}
