package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real docker CLI against a real daemon: the docker run flags of node-agent/README.md's
 * classification do what Docker does, and those Wharf cannot apply are refused (never ignored).
 * Reuses {@link RunOptionsCliIT}'s docker helpers with its own daemon; removes every container.
 */
class RunFlagsCliIT {
  private static DaemonProcess daemon;

  @BeforeAll
  static void startDaemon() throws Exception {
    RunOptionsCliIT.requireHostForSubclass();
    daemon = RunOptionsCliIT.startDaemonWithBusybox("rf");
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    RunOptionsCliIT.stopDaemonRemovingContainers(daemon);
  }

  private static String run(String... args) throws Exception {
    return RunOptionsCliIT.run(args);
  }

  /** Flag(s) before the image -> what the error says. */
  private static final String[][] REFUSED = {
      {"--link=other:db", "--link is not supported by Wharf"},
      {"--annotation=a=b", "--annotation is not supported by Wharf"},
      {"--link-local-ip=169.254.1.5", "--link-local-ip is not supported by Wharf"},
      {"--platform=windows/amd64", "cannot run busybox for platform windows/amd64"},
      {"--mount=type=bind,src=/tmp,dst=/m,bind-nonrecursive", "--mount bind-nonrecursive is not supported"},
      {"--mount=type=volume,dst=/v,volume-opt=type=tmpfs", "--mount volume-opt is not supported"},
      {"--log-driver=syslog", "logging driver syslog is not supported"},
      {"--log-opt=nosuch=1", "unknown log opt 'nosuch'"},
      {"--log-opt=labels=app", "log opt 'labels' is not supported by Wharf"},
      {"--gpus=all", "could not select device driver \"\" with capabilities: [[gpu]]"},
      {"--cpu-count=2", "only supported on a Docker daemon running on windows"},
      {"--volume-driver=nfs", "error looking up volume plugin nfs"},
      {"--name=bad name", "Invalid container name (bad name)"},
  };

  @Test
  void flagsWharfCannotApplyAreRefused() throws Exception {
    for (String[] row : REFUSED) {
      RunOptionsCliIT.rejected(row[1], "run", "--rm", row[0], "busybox", "true");
    }
    assertEquals("", RunOptionsCliIT.ok("ps", "-aq").trim(), "no container is left half made");
  }

  @Test
  void hostUtsAndHostNetworkShowTheHostsName() throws Exception {
    String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    String expected = host + "\n" + host + "\n" + host + "\n";
    String script = "echo $HOSTNAME; cat /etc/hostname; hostname";
    assertEquals(expected, run("--uts", "host", "busybox", "sh", "-c", script));
    assertEquals(expected, run("--network", "host", "busybox", "sh", "-c", script));
    assertEquals("h1\nh1\nexample.com\n",
        run("--hostname", "h1", "--domainname", "example.com", "busybox", "sh", "-c",
            "cat /etc/hostname; hostname; hostname -d"));
  }

  @Test
  void appliedFlagsHaveTheirEffect() throws Exception {
    assertEquals("/no/such/dir\n", run("-w", "/no/such/dir", "busybox", "pwd"), "--workdir is created");
    assertEquals("out\n", run("-a", "stdout", "busybox", "sh", "-c", "echo out; echo err >&2"));
    assertEquals("ok\n", run("--platform", "linux", "--pull", "never", "busybox", "echo", "ok"));
    if (Files.exists(Path.of("/dev/loop-control"))) {
      devicePermissionsAreEnforced();
    }
    String id = RunOptionsCliIT.ok("create", "--expose", "7070", "--stop-timeout", "4", "--label", "k=v",
        "busybox", "true").trim();
    assertEquals("map[7070/tcp:{}] 4 map[k:v]", RunOptionsCliIT.ok("inspect", "-f",
        "{{.Config.ExposedPorts}} {{.Config.StopTimeout}} {{.Config.Labels}}", id).trim());
    RunOptionsCliIT.ok("rm", id);
  }

  /** --device path:r lets the container read the device but not open it for writing. */
  private static void devicePermissionsAreEnforced() throws Exception {
    String denied = RunOptionsCliIT.docker("run", "--rm", "--device", "/dev/loop-control:r", "busybox", "sh", "-c",
        "exec 3>/dev/loop-control; echo opened").err();
    assertTrue(denied.contains("Operation not permitted"), "device opened for write with :r: " + denied);
    assertEquals("opened\n", run("--device", "/dev/loop-control:rw", "busybox", "sh", "-c",
        "exec 3>/dev/loop-control; echo opened"));
  }
}
