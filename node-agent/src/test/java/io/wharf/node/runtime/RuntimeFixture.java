package io.wharf.node.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import io.wharf.api.container.ContainerSpec;
import io.wharf.api.container.HostSettings;
import io.wharf.node.NodePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A private runtime for privileged tests: NodePaths under target/rt-&lt;nonce&gt;, a busybox rootfs
 * (the static /bin/busybox plus applet symlinks), random container ids, and cleanup of everything
 * made (runc delete --force, conmon killed by pid, dirs).
 */
final class RuntimeFixture implements AutoCloseable {
  static final Path RUNC = Path.of("/usr/sbin/runc");
  static final Path CONMON = Path.of("/usr/bin/conmon");
  static final Path BUSYBOX = Path.of("/bin/busybox");

  /** Every container id of this run starts with it, so leftovers (cgroups /wharf/<id>) are traceable. */
  final String runPrefix = randomHex(4);
  final Path root;
  final NodePaths paths;
  final Path rootfs;
  final ContainerRuntime runtime;
  private final List<String> ids = new ArrayList<>();

  /** Fails under CI=true, skips otherwise, when the host lacks root, runc, conmon or busybox. */
  static void requirePrivilegedHost() {
    String missing = null;
    if (!"root".equals(System.getProperty("user.name"))) {
      missing = "root";
    } else if (!Files.isExecutable(RUNC) || !Files.isExecutable(CONMON) || !Files.isExecutable(BUSYBOX)) {
      missing = "runc, conmon and busybox-static";
    }
    if (missing != null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("this test needs " + missing);
      }
      Assumptions.abort("needs " + missing);
    }
  }

  RuntimeFixture() throws IOException, InterruptedException {
    String base = Optional.ofNullable(System.getenv("WHARF_TEST_ROOT")).orElse("target");
    root = Path.of(base).toAbsolutePath().resolve("rt-" + runPrefix);
    paths = new NodePaths(root.resolve("data"), root.resolve("run"));
    rootfs = root.resolve("rootfs");
    makeBusyboxRootfs(rootfs);
    runtime = ContainerRuntime.of(paths, RUNC, CONMON);
  }

  static void makeBusyboxRootfs(Path dir) throws IOException, InterruptedException {
    for (String d : List.of("bin", "etc", "tmp", "proc", "sys", "dev", "root")) {
      Files.createDirectories(dir.resolve(d));
    }
    Files.copy(BUSYBOX, dir.resolve("bin/busybox"));
    Process list = new ProcessBuilder(BUSYBOX.toString(), "--list").start();
    for (String applet : new String(list.getInputStream().readAllBytes()).split("\n")) {
      if (!applet.isBlank() && !applet.equals("busybox")) {
        Files.createSymbolicLink(dir.resolve("bin").resolve(applet), Path.of("busybox"));
      }
    }
    list.waitFor();
    Files.writeString(dir.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    Files.writeString(dir.resolve("etc/group"), "root:x:0:\n");
  }

  String newId() {
    String id = runPrefix + randomHex(28);
    ids.add(id);
    return id;
  }

  static ContainerSpec spec(List<String> cmd, boolean tty, boolean openStdin, boolean stdinOnce, HostSettings host) {
    return new ContainerSpec(null, "busybox", cmd, List.of(), List.of(), "/", "", null, null, Map.of(),
        tty, openStdin, stdinOnce, openStdin, true, true, null, null, List.of(), List.of(), host, null);
  }

  static HostSettings host(long memory, List<Integer> consoleSize) {
    return new HostSettings(false, memory, 0, 0, 0, 0, 0, null, false, List.of(), List.of(), false,
        "none", null, consoleSize, java.util.Map.of(), List.of(), List.of(), List.of(), List.of(), 0, java.util.Map.of(), null, java.util.Map.of());
  }

  OciSpecInput input(String id, ContainerSpec spec) {
    return new OciSpecInput(id, spec, rootfs.toString(), OciSpecInput.NETWORK_NONE, null, null, null,
        ResolvedUser.ROOT, List.of(), List.of(), HostLimits.ofThisProcess(), List.of(),
        RunOptionsInput.initBinary());
  }

  /** Polls for the exit file. */
  int awaitExit(String id, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      Optional<Integer> code = runtime.exitCode(id);
      if (code.isPresent()) {
        return code.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("container " + id + " did not exit within " + timeoutMs + " ms");
  }

  String log(String id) {
    StringBuilder sb = new StringBuilder();
    new LogReader(paths.containerLog(id)).readAll(LogQuery.ALL).forEach(r -> sb.append(new String(r.bytes())));
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    for (String id : ids) {
      Optional<Integer> conmon = runtime.shim().conmonPid(paths.bundle(id));
      try {
        runtime.delete(id);
      } catch (RuntimeException e) {
        System.err.println("cleanup of " + id + ": " + e.getMessage());
      }
      conmon.flatMap(ProcessHandle::of).filter(ph -> ph.info().command().orElse("").endsWith("conmon"))
          .ifPresent(ProcessHandle::destroyForcibly);
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
