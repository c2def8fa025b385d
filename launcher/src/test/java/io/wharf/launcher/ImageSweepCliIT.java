package io.wharf.launcher;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everyday image commands of the real docker CLI (and skopeo's docker-daemon transport) against a
 * daemon with the registry roles, and CNCF Distribution on loopback for pull/push: all-tags and
 * quiet pulls/pushes, rmi of a digest reference, import from a URL and from stdin with changes,
 * save/load by id and of several images, docker search without Docker Hub.
 */
class ImageSweepCliIT {
  private static Path dir;
  private static Path runDir;
  private static Path socket;
  private static DaemonProcess daemon;
  private static DistributionServer registry;

  @BeforeAll
  static void start() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    boolean ready = DistributionServer.toolsPresent()
        && new ProcessBuilder("sh", "-c", "command -v docker").start().waitFor() == 0;
    String why = "docker-registry, htpasswd, skopeo or docker is missing (scripts/install-deps.sh --test)";
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(ready, why);
    }
    Assumptions.assumeTrue(ready, why);
    dir = DaemonProcess.scratch("imagesweep-it-");
    runDir = Files.createTempDirectory(Path.of("/tmp"), "wis");
    socket = runDir.resolve("w.sock");
    registry = DistributionServer.start(dir.resolve("dist"), null, null);
    daemon = DaemonProcess.start("imagesweep-daemon", dir, List.of("daemon", "--data-root", dir.resolve("data").toString(),
        "--run-dir", runDir.resolve("run").toString(), "--socket", socket.toString(), "--node-name", "imagesweep",
        "--roles", "registry,scheduler,gateway", "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()), "--cluster-name", "isw-" + ProcessHandle.current().pid(),
        "--registry-mirror", "http://" + registry.host()));
    daemon.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
    Path tar = dir.resolve("busybox.tar");
    exec(List.of(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(), tar.toString(), "sweepbb:1"), null);
    assertEquals(0, docker("load", "-i", tar.toString()).exit);
  }

  @AfterAll
  static void stop() throws Exception {
    if (daemon != null) {
      daemon.stop();
    }
    if (registry != null) {
      registry.close();
    }
    if (dir != null) {
      ScratchDirs.deleteUnlessMounted(dir);
    }
    if (runDir != null) {
      ScratchDirs.deleteUnlessMounted(runDir);
    }
  }

  @Test
  void allTagsAndQuietPullsAndPushes() throws Exception {
    String repo = registry.host() + "/sweep/bb";
    assertEquals(0, docker("tag", "sweepbb:1", repo + ":a").exit);
    assertEquals(0, docker("tag", "sweepbb:1", repo + ":b").exit);
    Result pushed = docker("push", "--all-tags", repo);
    assertEquals(0, pushed.exit, pushed.err);
    assertTrue(pushed.out.contains("a: digest: sha256:") && pushed.out.contains("b: digest: sha256:"), pushed.out);
    Result quiet = docker("push", "-q", repo + ":a");
    assertEquals(0, quiet.exit, quiet.err);
    assertEquals(repo + ":a\n", quiet.out);
    assertEquals(0, docker("rmi", repo + ":a", repo + ":b").exit);

    Result all = docker("pull", "--all-tags", repo);
    assertEquals(0, all.exit, all.err);
    assertTrue(all.out.contains("a: Pulling from sweep/bb") && all.out.contains("b: Pulling from sweep/bb"), all.out);
    assertTrue(all.out.contains("Status: Downloaded newer image for " + repo + "\n"), all.out);
    assertEquals("[" + repo + ":a " + repo + ":b sweepbb:1]",
        docker("image", "inspect", "-f", "{{.RepoTags}}", "sweepbb:1").out.trim());
    Result missing = docker("pull", "-a", registry.host() + "/sweep/nosuch");
    assertNotEquals(0, missing.exit);
    assertTrue(missing.err.contains("repository " + registry.host() + "/sweep/nosuch not found"), missing.err);

    assertEquals(0, docker("rmi", repo + ":a").exit);
    Result q = docker("pull", "-q", repo + ":a");
    assertEquals(0, q.exit, q.err);
    assertEquals(repo + ":a\n", q.out);

    String digestName = docker("image", "inspect", "-f", "{{index .RepoDigests 0}}", repo + ":a").out.trim();
    assertTrue(digestName.startsWith(repo + "@sha256:"), digestName);
    Result rmi = docker("rmi", digestName);
    assertEquals(0, rmi.exit, rmi.err);
    assertEquals("Untagged: " + digestName + "\n", rmi.out);
    assertEquals("[]", docker("image", "inspect", "-f", "{{.RepoDigests}}", "sweepbb:1").out.trim());
    docker("rmi", repo + ":a", repo + ":b");
  }

  @Test
  void importFromUrlAndStdinWithChanges() throws Exception {
    Path tar = dir.resolve("rootfs.tar");
    Files.write(tar, OciLayouts.tar("hello.txt", "hello\n".getBytes(StandardCharsets.UTF_8)));
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", ex -> {
      boolean found = ex.getRequestURI().getPath().equals("/rootfs.tar");
      byte[] body = found ? Files.readAllBytes(tar) : new byte[0];
      ex.sendResponseHeaders(found ? 200 : 404, found ? body.length : -1);
      ex.getResponseBody().write(body);
      ex.close();
    });
    http.start();
    try {
      String base = "http://127.0.0.1:" + http.getAddress().getPort();
      Result fromUrl = docker("import", "--change", "CMD [\"cat\",\"/hello.txt\"]", "-m", "from the web",
          base + "/rootfs.tar", "sweepimp:url");
      assertEquals(0, fromUrl.exit, fromUrl.err);
      assertTrue(fromUrl.out.startsWith("sha256:"), fromUrl.out);
      assertEquals("[cat /hello.txt] from the web",
          docker("image", "inspect", "-f", "{{.Config.Cmd}} {{.Comment}}", "sweepimp:url").out.trim());
      Result gone = docker("import", base + "/nosuch.tar", "sweepimp:none");
      assertNotEquals(0, gone.exit);
      assertTrue(gone.err.contains("failed to GET " + base + "/nosuch.tar with status 404"), gone.err);
    } finally {
      http.stop(0);
    }
    Result stdin = docker(tar, "import", "--change", "ENV A=b", "-", "sweepimp:stdin");
    assertEquals(0, stdin.exit, stdin.err);
    assertEquals("[A=b]", docker("image", "inspect", "-f", "{{.Config.Env}}", "sweepimp:stdin").out.trim());
    docker("rmi", "sweepimp:url", "sweepimp:stdin");
  }

  @Test
  void saveByIdAndSeveralImagesLoadBack() throws Exception {
    Path rootfs = dir.resolve("second.tar");
    Files.write(rootfs, OciLayouts.tar("second.txt", "2\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(0, docker(rootfs, "import", "-", "sweepsave:2").exit);
    Path both = dir.resolve("both.tar");
    assertEquals(0, docker("save", "-o", both.toString(), "sweepbb:1", "sweepsave:2").exit);
    assertEquals(0, docker("rmi", "sweepsave:2").exit);
    Result loaded = docker("load", "-i", both.toString());
    assertEquals(0, loaded.exit, loaded.err);
    assertTrue(loaded.out.contains("Loaded image: sweepbb:1") && loaded.out.contains("Loaded image: sweepsave:2"), loaded.out);

    String id = docker("image", "inspect", "-f", "{{.Id}}", "sweepsave:2").out.trim();
    Path byId = dir.resolve("byid.tar");
    assertEquals(0, docker("save", "-o", byId.toString(), id).exit);
    assertEquals(0, docker("rmi", "sweepsave:2").exit);
    Result back = docker("load", "-i", byId.toString());
    assertEquals(0, back.exit, back.err);
    assertEquals("Loaded image ID: " + id + "\n", back.out);
    docker("rmi", id);
  }

  @Test
  void skopeoReadsTheDaemonThroughItsOldApiVersion() throws Exception {
    Path oci = dir.resolve("skopeo-oci");
    Result r = exec(List.of("skopeo", "copy", "--src-daemon-host", "unix://" + socket, "docker-daemon:sweepbb:1",
        "oci:" + oci + ":bb"), null);
    assertEquals(0, r.exit, r.err);
    assertTrue(Files.exists(oci.resolve("index.json")));
  }

  @Test
  void searchWithoutDockerHubFailsQuicklyAndBadQueriesAreRefused() throws Exception {
    long start = System.nanoTime();
    Result r = docker("search", registry.host() + "/x");
    assertNotEquals(0, r.exit);
    assertTrue(r.err.contains("Get \"http://" + registry.host() + "/v1/search?q=x&n=25\": unexpected status code 404"), r.err);
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "search took too long");
    Result limit = docker("search", "--limit", "500", "x");
    assertTrue(limit.err.contains("limit 500 is outside the range of [1, 100]"), limit.err);
    Result filter = docker("search", "-f", "color=red", "x");
    assertTrue(filter.err.contains("invalid filter 'color'"), filter.err);
  }

  @Test
  void anIndexWithoutTheHostPlatformIsRefusedWithDockersText() throws Exception {
    Path layout = dir.resolve("s390x-only");
    OciLayouts.index(layout, "1", java.util.Map.of("s390x", 1), "sweep-s390x");
    String ref = registry.host() + "/sweep/s390x:1";
    Result copied = exec(List.of("skopeo", "copy", "--all", "--dest-tls-verify=false", "oci:" + layout + ":1",
        "docker://" + ref), null);
    assertEquals(0, copied.exit, copied.err);
    Result r = docker("pull", ref);
    assertNotEquals(0, r.exit);
    String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
    assertTrue(r.err.contains("no matching manifest for linux/" + arch + " in the manifest list entries"), r.err);
    assertNotEquals(0, docker("image", "inspect", ref).exit, "nothing tagged");
  }

  @Test
  void dockerHubNamesArePulledThroughTheConfiguredMirror() throws Exception {
    Path tar = dir.resolve("busybox.tar");
    Result copied = exec(List.of("skopeo", "copy", "--dest-tls-verify=false", "docker-archive:" + tar,
        "docker://" + registry.host() + "/library/sweepmirror:1"), null);
    assertEquals(0, copied.exit, copied.err);
    Result pulled = docker("pull", "sweepmirror:1");
    assertEquals(0, pulled.exit, pulled.err);
    assertTrue(pulled.out.contains("Status: Downloaded newer image for sweepmirror:1"), pulled.out);
    assertTrue(docker("image", "inspect", "-f", "{{.RepoDigests}}", "sweepmirror:1").out.contains("sweepmirror@sha256:"));
    docker("rmi", "sweepmirror:1");
  }

  @Test
  void aRetagLeavesTheOldImageDangling() throws Exception {
    Path first = dir.resolve("dangle-1.tar");
    Path second = dir.resolve("dangle-2.tar");
    Files.write(first, OciLayouts.tar("one.txt", "1\n".getBytes(StandardCharsets.UTF_8)));
    Files.write(second, OciLayouts.tar("two.txt", "2\n".getBytes(StandardCharsets.UTF_8)));
    String old = docker(first, "import", "-", "sweepdangle:1").out.trim();
    assertEquals(0, docker(second, "import", "-", "sweepdangle:1").exit);
    String dangling = docker("images", "--filter", "dangling=true", "--no-trunc", "-q").out;
    assertTrue(dangling.contains(old), dangling);
    String json = docker("images", "--format", "json", "sweepdangle").out;
    assertTrue(json.contains("\"Repository\":\"sweepdangle\"") && json.contains("\"Tag\":\"1\""), json);
    Result pruned = docker("image", "prune", "-f");
    assertEquals(0, pruned.exit, pruned.err);
    assertTrue(pruned.out.contains("deleted: " + old), pruned.out);
    docker("rmi", "sweepdangle:1");
  }

  @Test
  void tagErrorsUseDockersTexts() throws Exception {
    Result upper = docker("tag", "sweepbb:1", "BAD:1");
    assertNotEquals(0, upper.exit);
    assertTrue(upper.err.contains("repository name (library/BAD) must be lowercase"), upper.err);
    Result missing = docker("tag", "sweepnosuch", "sweepx:1");
    assertNotEquals(0, missing.exit);
    assertTrue(missing.err.contains("No such image: sweepnosuch:latest"), missing.err);
    Result bad = docker("tag", "sweepbb:1", "a:b:c");
    assertNotEquals(0, bad.exit);
    assertTrue(bad.err.contains("invalid reference format"), bad.err);
  }

  private record Result(int exit, String out, String err) {}

  private static Result docker(String... args) throws Exception {
    return docker(null, args);
  }

  private static Result docker(Path stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("docker", "-H", "unix://" + socket));
    cmd.addAll(List.of(args));
    return exec(cmd, stdin);
  }

  private static Result exec(List<String> cmd, Path stdin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    if (stdin != null) {
      pb.redirectInput(stdin.toFile());
    }
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(cmd + " did not finish in 120 s");
    }
    Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }
}
