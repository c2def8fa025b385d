package io.wharf.gateway.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.node.NodeRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFactsTest {
  @Test
  void readsAFakeHostTree(@TempDir Path root) throws Exception {
    write(root, "proc/sys/kernel/hostname", "box1\n");
    write(root, "proc/sys/kernel/osrelease", "6.1.0-test\n");
    write(root, "etc/os-release", "NAME=\"Debian\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\n");
    write(root, "proc/meminfo", "MemTotal:        2048 kB\nMemFree: 1 kB\n");
    write(root, "sys/fs/cgroup/cgroup.controllers", "cpu memory\n");
    HostFacts f = HostFacts.read(root);
    assertEquals("box1", f.hostname());
    assertEquals("6.1.0-test", f.kernelVersion());
    assertEquals("Debian GNU/Linux 12 (bookworm)", f.operatingSystem());
    assertEquals("12", f.osVersion());
    assertEquals(2048 * 1024, f.memTotal());
    assertEquals("2", f.cgroupVersion());
  }

  @Test
  void missingFilesGiveDefaults(@TempDir Path root) {
    HostFacts f = HostFacts.read(root);
    assertEquals("localhost", f.hostname());
    assertEquals("1", f.cgroupVersion());
    assertEquals(0, f.memTotal());
  }

  @Test
  void infoCountsAndSumsNodes() {
    HostFacts host = new HostFacts("h", "k", "os", "1", "1", 8, 100);
    ContainerSummary running = summary(ContainerState.RUNNING);
    ContainerSummary paused = summary(ContainerState.PAUSED);
    ContainerSummary exited = summary(ContainerState.EXITED);
    List<NodeRecord> nodes = List.of(new NodeRecord("a", "a", "u", 2, 10, "k", "o", Map.of(), 0),
        new NodeRecord("b", "b", "u", 4, 20, "k", "o", Map.of(), 0));
    JsonObject info = SystemInfo.info(host, new SystemInfo.Figures(List.of(running, paused, exited), nodes, 7), "0.1", "/d", 1);
    assertEquals(3, info.getInteger("Containers"));
    assertEquals(1, info.getInteger("ContainersRunning"));
    assertEquals(1, info.getInteger("ContainersPaused"));
    assertEquals(1, info.getInteger("ContainersStopped"));
    assertEquals(7, info.getInteger("Images"));
    assertEquals(6, info.getInteger("NCPU"));
    assertEquals(30, info.getLong("MemTotal"));
    JsonObject alone = SystemInfo.info(host, new SystemInfo.Figures(List.of(), List.of(), 0), "0.1", "/d", 1);
    assertEquals(8, alone.getInteger("NCPU"));
    assertTrue(alone.getString("ID").matches("([0-9A-F]{4}:){11}[0-9A-F]{4}"));
  }

  private static ContainerSummary summary(ContainerState s) {
    return new ContainerSummary("id" + s, "n", "a", "i", "sha256:i", "c", 1, s, 0, 0, 0, Map.of(), "default", false, 0);
  }

  private static void write(Path root, String rel, String content) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }
}
