package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.container.HealthState.HealthResult;
import io.wharf.node.health.HealthProbe;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Health probes as execs in a running busybox container (root only). */
class HealthProbeIT {
  private RuntimeFixture fx;
  private String ctr;
  private HealthProbe probe;

  @BeforeEach
  void setUp() throws Exception {
    RuntimeFixture.requirePrivilegedHost();
    fx = new RuntimeFixture();
    ctr = fx.newId();
    fx.runtime.create(fx.input(ctr, RuntimeFixture.spec(List.of("sleep", "1000"), false, false, false, null)));
    fx.runtime.start(ctr);
    probe = new HealthProbe(fx.runtime.exec());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (fx != null) {
      fx.close();
    }
  }

  @Test
  void exitCodeAndOutputOfBothStreams() {
    HealthResult r = probe.run(ctr, List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"), 10_000_000_000L);
    assertEquals(3, r.exitCode());
    assertTrue(r.output().contains("out\n") && r.output().contains("err\n"), r.output());
    assertTrue(r.endNanos() >= r.startNanos());
    assertEquals(0, probe.run(ctr, List.of("true"), 10_000_000_000L).exitCode());
  }

  @Test
  void aProbePastItsTimeoutIsKilledAndFails() throws Exception {
    HealthResult r = probe.run(ctr, List.of("sleep", "30"), 500_000_000L);
    assertEquals(HealthProbe.FAILED_TO_RUN, r.exitCode());
    assertEquals("Health check exceeded timeout (0.5s)", r.output());
    Thread.sleep(300);
    ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").equals("sleep 30"))
        .forEach(p -> assertTrue(false, "the timed-out probe still runs: pid " + p.pid()));
    try (var dirs = Files.list(fx.paths.execDir("x").getParent())) {
      assertEquals(0, dirs.count(), "exec dirs are removed");
    }
  }

  @Test
  void aMissingCommandFails() {
    HealthResult r = probe.run(ctr, List.of("/no/such/probe"), 5_000_000_000L);
    assertTrue(r.exitCode() != 0, r.toString());
  }
}
