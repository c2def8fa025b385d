package io.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real docker CLI against a real daemon: --pid, --ipc, --uts, --cgroupns, --userns,
 * --oom-score-adj and the cpuset/memory/blkio options have their effect inside the container, show
 * in inspect, and what this host cannot do is refused with a clear error instead of ignored.
 * Reuses {@link RunOptionsCliIT}'s docker helpers with its own daemon; removes every container.
 */
class IsolationCliIT {
  private static final String TARGET = "iso-target-" + ProcessHandle.current().pid();
  private static DaemonProcess daemon;

  @BeforeAll
  static void startDaemon() throws Exception {
    RunOptionsCliIT.requireHostForSubclass();
    daemon = RunOptionsCliIT.startDaemonWithBusybox("iso");
    RunOptionsCliIT.ok("run", "-d", "--name", TARGET, "--ipc", "shareable", "busybox", "sleep", "300");
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    RunOptionsCliIT.stopDaemonRemovingContainers(daemon);
  }

  private static String run(String... args) throws Exception {
    return RunOptionsCliIT.run(args);
  }

  @Test
  void pidHostSeesHostProcessesAndPidContainerSeesTheTargets() throws Exception {
    String hostPs = run("--pid", "host", "busybox", "ps", "-o", "pid,comm");
    assertTrue(hostPs.contains("java"), "the daemon's JVM is visible with --pid host:\n" + hostPs);
    assertTrue(run("busybox", "ps", "-o", "pid,comm").trim().endsWith("ps"), "own namespace: only ps");
    String joined = run("--pid", "container:" + TARGET, "busybox", "ps", "-o", "pid,args");
    assertTrue(joined.contains("sleep 300"), joined);
  }

  @Test
  void utsAndIpcModes() throws Exception {
    String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    assertEquals(hostname, run("--uts", "host", "busybox", "hostname").trim());
    RunOptionsCliIT.rejected("conflicting options: hostname and the UTS mode",
        "run", "--rm", "--uts", "host", "--hostname", "box", "busybox", "true");
    String hostIpc = Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")).toString();
    assertEquals(hostIpc, run("--ipc", "host", "busybox", "readlink", "/proc/self/ns/ipc").trim());
    String targetIpc = RunOptionsCliIT.ok("exec", TARGET, "readlink", "/proc/self/ns/ipc").trim();
    assertEquals(targetIpc, run("--ipc", "container:" + TARGET, "busybox", "readlink", "/proc/self/ns/ipc").trim());
    assertNotEquals(targetIpc, run("--ipc", "private", "busybox", "readlink", "/proc/self/ns/ipc").trim());
    assertTrue(RunOptionsCliIT.docker("run", "--rm", "--ipc", "none", "busybox", "ls", "/dev/shm").code() != 0);
    assertEquals("shareable", RunOptionsCliIT.ok("inspect", "-f", "{{.HostConfig.IpcMode}}", TARGET).trim());
    String stopped = RunOptionsCliIT.ok("create", "busybox", "true").trim();
    RunOptionsCliIT.rejected("cannot join IPC of a non running container",
        "run", "--rm", "--ipc", "container:" + stopped, "busybox", "true");
    RunOptionsCliIT.rejected("No such container", "run", "--rm", "--pid", "container:nosuch-iso", "busybox", "true");
  }

  @Test
  void cgroupnsAndUserns() throws Exception {
    assertTrue(run("--cgroupns", "private", "busybox", "cat", "/proc/self/cgroup").contains(":pids:/\n"));
    assertTrue(run("--cgroupns", "host", "busybox", "cat", "/proc/self/cgroup").contains(":pids:/wharf/"));
    assertEquals("ok\n", run("--userns", "host", "busybox", "echo", "ok"));
  }

  @Test
  void oomScoreAdjUpOnlyOnThisHost() throws Exception {
    assertEquals("500", run("--oom-score-adj", "500", "busybox", "cat", "/proc/self/oom_score_adj").trim());
    RunOptionsCliIT.rejected("--oom-score-adj", "run", "--rm", "--oom-score-adj", "-500", "busybox", "true");
    RunOptionsCliIT.rejected("range for oom score adj is [-1000, 1000]",
        "run", "--rm", "--oom-score-adj", "1001", "busybox", "true");
  }

  @Test
  void cpusetMemoryAndPidsReachTheCgroupsAndInspect() throws Exception {
    String out = run("--cpuset-cpus", "0", "--cpuset-mems", "0", "-m", "64m", "--memory-reservation", "20m",
        "--memory-swappiness", "10", "--oom-kill-disable", "--pids-limit", "33", "busybox", "cat",
        "/sys/fs/cgroup/cpuset/cpuset.cpus", "/sys/fs/cgroup/memory/memory.soft_limit_in_bytes",
        "/sys/fs/cgroup/memory/memory.swappiness", "/sys/fs/cgroup/memory/memory.oom_control",
        "/sys/fs/cgroup/pids/pids.max");
    assertTrue(out.startsWith("0\n20971520\n10\noom_kill_disable 1\n"), out);
    assertTrue(out.trim().endsWith("33"), out);
    String id = RunOptionsCliIT.ok("create", "--cpuset-cpus", "0", "--memory-reservation", "10m", "--oom-score-adj",
        "200", "--pid", "host", "busybox", "true").trim();
    assertEquals("0 10485760 200 host", RunOptionsCliIT.ok("inspect", "-f", "{{.HostConfig.CpusetCpus}} "
        + "{{.HostConfig.MemoryReservation}} {{.HostConfig.OomScoreAdj}} {{.HostConfig.PidMode}}", id).trim());
    RunOptionsCliIT.rejected("cannot be updated", "update", "--blkio-weight", "300", id);
  }

  @Test
  void updateChangesCpusetAndReservationOfARunningContainer() throws Exception {
    String id = RunOptionsCliIT.ok("run", "-d", "--cpuset-cpus", "0", "busybox", "sleep", "60").trim();
    RunOptionsCliIT.ok("update", "--cpuset-cpus", "0-1", "--memory-reservation", "12m", id);
    assertEquals("0-1\n12582912", RunOptionsCliIT.ok("exec", id, "cat", "/sys/fs/cgroup/cpuset/cpuset.cpus",
        "/sys/fs/cgroup/memory/memory.soft_limit_in_bytes").trim());
    assertEquals("0-1 12582912", RunOptionsCliIT.ok("inspect", "-f",
        "{{.HostConfig.CpusetCpus}} {{.HostConfig.MemoryReservation}}", id).trim());
    RunOptionsCliIT.rejected("Requested CPUs are not available", "update", "--cpuset-cpus", "0-255", id);
    RunOptionsCliIT.ok("rm", "-f", id);
  }

  @Test
  void whatThisHostCannotDoIsRefused() throws Exception {
    RunOptionsCliIT.rejected("Requested CPUs are not available", "run", "--rm", "--cpuset-cpus", "0-255", "busybox", "true");
    RunOptionsCliIT.rejected("Invalid value x for cpuset cpus", "run", "--rm", "--cpuset-cpus", "x", "busybox", "true");
    RunOptionsCliIT.rejected("Requested memory nodes are not available",
        "run", "--rm", "--cpuset-mems", "0-63", "busybox", "true");
    RunOptionsCliIT.rejected("Minimum memory reservation allowed is 6MB",
        "run", "--rm", "--memory-reservation", "1k", "busybox", "true");
    RunOptionsCliIT.rejected("memory swappiness range is 0-100",
        "run", "--rm", "--memory-swappiness", "101", "busybox", "true");
    RunOptionsCliIT.rejected("--device-read-bps is not supported by Wharf",
        "run", "--rm", "--device-read-bps", "/dev/null:1mb", "busybox", "true");
    RunOptionsCliIT.rejected("--cgroup-parent is not supported by Wharf",
        "run", "--rm", "--cgroup-parent", "/elsewhere", "busybox", "true");
    RunOptionsCliIT.rejected("could not select device driver", "run", "--rm", "--gpus", "all", "busybox", "true");
    RunOptionsCliIT.rejected("unknown or invalid runtime name: kata", "run", "--rm", "--runtime", "kata", "busybox", "true");
    boolean weights = Files.exists(Path.of("/sys/fs/cgroup/blkio/blkio.weight"))
        || Files.exists(Path.of("/sys/fs/cgroup/blkio/blkio.bfq.weight"));
    if (weights) {
      run("--blkio-weight", "300", "busybox", "true");
    } else {
      RunOptionsCliIT.rejected("does not support Block I/O weight", "run", "--rm", "--blkio-weight", "300", "busybox", "true");
    }
  }
}
