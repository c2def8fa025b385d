package io.wharf.launcher;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One real daemon JVM (roles that exist in this module's reach: scheduler, volume, network):
 * starts, refuses a second daemon on the same data root or run dir, stops cleanly on SIGTERM.
 */
class DaemonLifecycleIT {
  private Path dir;
  private DaemonProcess first;
  private DaemonProcess second;

  @BeforeEach
  void setUp() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    dir = DaemonProcess.scratch("lifecycle-it-");
  }

  @AfterEach
  void tearDown() throws Exception {
    for (DaemonProcess p : new DaemonProcess[] {second, first}) {
      if (p != null) {
        p.stop();
      }
    }
    ScratchDirs.deleteUnlessMounted(dir);
  }

  private List<String> daemonArgs(String data, String run, int port) {
    return List.of("daemon", "--data-root", dir.resolve(data).toString(), "--run-dir",
        dir.resolve(run).toString(), "--node-name", "lc", "--roles", "scheduler,volume,network",
        "--cluster-port", String.valueOf(port), "--cluster-name", "lifecycle-" + ProcessHandle.current().pid());
  }

  @Test
  void startsRefusesASecondDaemonAndStopsOnSigterm() throws Exception {
    first = DaemonProcess.start("first", dir, daemonArgs("d1", "r1", DaemonProcess.freePort()));
    first.awaitLog(" ready in ", deadline(Duration.ofSeconds(60)));
    assertTrue(first.log().contains("role scheduler deployed"), first.log());
    assertTrue(first.log().contains("role volume deployed"), first.log());
    assertTrue(first.log().contains("role network deployed"), first.log());

    second = DaemonProcess.start("same-data-root", dir, daemonArgs("d1", "r2", DaemonProcess.freePort()));
    assertEquals(1, second.awaitExit(Duration.ofSeconds(30)), second.log());
    assertTrue(second.log().contains("another wharf daemon (pid " + first.pid() + ") is using data root "),
        second.log());

    second = DaemonProcess.start("same-run-dir", dir, daemonArgs("d2", "r1", DaemonProcess.freePort()));
    assertEquals(1, second.awaitExit(Duration.ofSeconds(30)), second.log());
    assertTrue(second.log().contains("is using run dir "), second.log());

    assertEquals(143, first.stop(), "SIGTERM exit status\n" + first.log());
    String log = first.log();
    assertTrue(log.contains("role scheduler undeployed"), log);
    assertTrue(log.contains("wharf daemon stopped; left the cluster"), log);
  }

  @Test
  void badUsageExitsWithTwo() throws Exception {
    first = DaemonProcess.start("usage", dir, List.of("daemon", "--no-such-flag"));
    assertEquals(2, first.awaitExit(Duration.ofSeconds(30)));
    assertTrue(first.log().contains("wharf: unknown flag --no-such-flag"), first.log());
  }
}
