package io.wharf.launcher;

import static io.wharf.launcher.DaemonProcess.deadline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 acceptance for pull, push and login: a real daemon driven by the real docker CLI against
 * CNCF Distribution (Debian docker-registry) on loopback, one without auth (A) and one behind
 * htpasswd (B), plus stub registries that answer 401/403/404/500 or hang. Images are OCI layouts
 * written here and pushed by skopeo (or over plain HTTP for an artifact of an unknown media type).
 * Every failed pull must leave no image, tag or blob.
 */
class RegistryPullPushIT {
  private static final String ARCH = hostArch();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Path dir;
  private static Path runDir;
  private static DaemonProcess daemon;
  private static DistributionServer open;
  private static DistributionServer locked;
  private static Path socket;

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
    dir = DaemonProcess.scratch("pull-it-");
    runDir = Files.createTempDirectory(Path.of("/tmp"), "wpl");
    socket = runDir.resolve("w.sock");
    open = DistributionServer.start(dir.resolve("open"), null, null);
    locked = DistributionServer.start(dir.resolve("locked"), "tester", "s3cret");
    String roles = DaemonProcess.isRoot() ? "all" : "registry,scheduler,gateway";
    daemon = DaemonProcess.start("pull-daemon", dir, List.of("daemon", "--data-root", dir.resolve("data").toString(),
        "--run-dir", runDir.resolve("run").toString(), "--socket", socket.toString(), "--node-name", "pullit",
        "--roles", roles, "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()), "--cluster-name", "pull-" + ProcessHandle.current().pid()),
        "-Dwharf.registry.headTimeoutSeconds=3");
    daemon.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (daemon != null) {
      docker("rm", "-f", "pullrun");
      daemon.stop();
    }
    for (DistributionServer s : new DistributionServer[] {open, locked}) {
      if (s != null) {
        s.close();
      }
    }
    if (dir != null) {
      ScratchDirs.deleteUnlessMounted(dir);
    }
    if (runDir != null) {
      ScratchDirs.deleteUnlessMounted(runDir);
    }
  }

  @Test
  void loginPushRmiPullRoundTripOfAMultiLayerImage() throws Exception {
    String a = open.host() + "/multi:1";
    String b = locked.host() + "/team/multi:1";
    skopeoCopy(layoutDir("multi", l -> OciLayouts.image(l, "1", ARCH, 3, "multi")), "docker://" + a, false);
    Result pulled = docker("pull", a);
    assertEquals(0, pulled.exit, pulled.err);
    assertTrue(pulled.out.contains("Downloaded newer image for " + a), pulled.out);
    assertEquals("3", docker("image", "inspect", "-f", "{{len .RootFS.Layers}}", a).out.trim());
    String id = docker("image", "inspect", "-f", "{{.Id}}", a).out.trim();

    assertEquals(0, docker("tag", a, b).exit);
    Result anonymous = docker("push", b);
    assertNotEquals(0, anonymous.exit);
    assertTrue(anonymous.err.contains("no basic auth credentials"), anonymous.err);
    Result bad = docker("login", "-u", "tester", "-p", "wrong", locked.host());
    assertEquals(1, bad.exit);
    assertTrue(bad.err.contains("login attempt to http://" + locked.host() + "/v2/ failed with status: 401 Unauthorized"), bad.err);
    Result login = docker("login", "-u", "tester", "-p", "s3cret", locked.host());
    assertEquals(0, login.exit, login.err);
    assertTrue(login.out.contains("Login Succeeded"), login.out);

    Result pushed = docker("push", b);
    assertEquals(0, pushed.exit, pushed.err);
    assertTrue(pushed.out.contains("Pushed"), pushed.out);
    Matcher digest = Pattern.compile("1: digest: (sha256:[0-9a-f]{64}) size: \\d+").matcher(pushed.out);
    assertTrue(digest.find(), pushed.out);
    Result again = docker("push", b);
    assertTrue(again.out.contains("Layer already exists"), again.out);
    String other = locked.host() + "/team/other:1";
    assertEquals(0, docker("tag", b, other).exit);
    Result mounted = docker("push", other);
    assertEquals(0, mounted.exit, mounted.err);
    assertTrue(mounted.out.contains("Mounted from team/multi"), mounted.out);
    assertEquals(0, docker("rmi", other).exit);

    assertEquals(0, docker("rmi", a, b).exit);
    assertNotEquals(0, docker("image", "inspect", id).exit, "image gone after rmi");
    Result back = docker("pull", b);
    assertEquals(0, back.exit, back.err);
    assertTrue(back.out.contains("Digest: " + digest.group(1)), back.out);
    assertEquals(id, docker("image", "inspect", "-f", "{{.Id}}", b).out.trim());
    assertEquals("[" + locked.host() + "/team/multi@" + digest.group(1) + "]",
        docker("image", "inspect", "-f", "{{.RepoDigests}}", b).out.trim());

    assertEquals(0, docker("rmi", b).exit);
    Result byDigest = docker("pull", locked.host() + "/team/multi@" + digest.group(1));
    assertEquals(0, byDigest.exit, byDigest.err);
    assertEquals(id, docker("image", "inspect", "-f", "{{.Id}}", id).out.trim());
    docker("rmi", "-f", id);
    docker("logout", locked.host());
  }

  @Test
  void anOciIndexPushedBySkopeoYieldsTheRequestedPlatform() throws Exception {
    String ref = open.host() + "/multiarch:1";
    Path layout = layoutDir("multiarch", l -> OciLayouts.index(l, "1", Map.of("amd64", 2, "arm64", 1), "multiarch"));
    skopeoCopy(layout, "docker://" + ref, true);
    Result arm = docker("pull", "--platform", "linux/arm64", ref);
    assertEquals(0, arm.exit, arm.err);
    assertEquals("arm64 1", docker("image", "inspect", "-f", "{{.Architecture}} {{len .RootFS.Layers}}", ref).out.trim());
    Result amd = docker("pull", "--platform", "linux/amd64", ref);
    assertEquals(0, amd.exit, amd.err);
    assertEquals("amd64 2", docker("image", "inspect", "-f", "{{.Architecture}} {{len .RootFS.Layers}}", ref).out.trim());
    Result none = docker("pull", "--platform", "linux/s390x", ref);
    assertNotEquals(0, none.exit);
    assertTrue(none.err.contains("no matching manifest for linux/s390x"), none.err);
    docker("rmi", ref);
  }

  @Test
  void runOfAMissingImagePullsItFirst() throws Exception {
    Assumptions.assumeTrue(DaemonProcess.isRoot(), "running containers needs root");
    Path tar = dir.resolve("busybox.tar");
    exec(List.of(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(), tar.toString(), "pullbb:src"));
    assertEquals(0, docker("load", "-i", tar.toString()).exit);
    String ref = open.host() + "/bb:1";
    assertEquals(0, docker("tag", "pullbb:src", ref).exit);
    assertEquals(0, docker("push", ref).exit);
    assertEquals(0, docker("rmi", ref, "pullbb:src").exit);
    Result run = docker("run", "--rm", "--name", "pullrun", ref, "echo", "pulled and ran");
    assertEquals(0, run.exit, run.err);
    assertTrue(run.err.contains("Unable to find image '" + ref + "' locally"), run.err);
    assertTrue(run.err.contains("Downloaded newer image for " + ref), run.err);
    assertEquals("pulled and ran\n", run.out);
    docker("rmi", ref);
  }

  @Test
  void brokenRegistryContentLeavesNothingBehind() throws Exception {
    Result missing = docker("pull", open.host() + "/nosuch:1");
    assertNotEquals(0, missing.exit);
    assertTrue(missing.err.contains("manifest for " + open.host() + "/nosuch:1 not found: manifest unknown: manifest unknown"),
        missing.err);
    assertBrokenPull("corrupt", "digest mismatch", f -> {
      byte[] bytes = Files.readAllBytes(f);
      bytes[bytes.length / 2] ^= 0x55;
      Files.write(f, bytes);
    });
    assertBrokenPull("truncated", "digest mismatch", f -> Files.write(f, java.util.Arrays.copyOf(Files.readAllBytes(f),
        (int) Files.size(f) / 2)));
    assertBrokenPull("noblob", "sha256:", Files::delete);
  }

  @Test
  void anArtifactOfUnknownMediaTypeIsNoImage() throws Exception {
    String base = "http://" + open.host() + "/v2/odd";
    byte[] config = "{\"kind\":\"not an image\"}".getBytes(StandardCharsets.UTF_8);
    String configDigest = uploadBlob(base, config);
    byte[] manifest = new JsonObject().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json")
        .put("config", new JsonObject().put("mediaType", "application/vnd.example.unknown.config+json")
            .put("digest", configDigest).put("size", config.length))
        .put("layers", new io.vertx.core.json.JsonArray()).encode().getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/manifests/1"))
        .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, put.statusCode(), put.body());
    Result r = docker("pull", open.host() + "/odd:1");
    assertNotEquals(0, r.exit);
    assertTrue(r.err.contains("unsupported media type application/vnd.example.unknown.config+json"), r.err);
    assertNotEquals(0, docker("image", "inspect", open.host() + "/odd:1").exit);
    assertFalse(Files.exists(dir.resolve("data/registry/blobs/sha256").resolve(configDigest.substring(7))));
  }

  private static String uploadBlob(String base, byte[] blob) throws Exception {
    HttpResponse<String> start = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(202, start.statusCode(), start.body());
    String location = start.headers().firstValue("Location").orElseThrow();
    String url = (location.startsWith("http") ? location : "http://" + open.host() + location);
    String digest = OciLayouts.digest(blob);
    HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(url + (url.contains("?") ? "&" : "?")
        + "digest=" + digest)).PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, put.statusCode(), put.body());
    return digest;
  }

  @Test
  void failingOrHangingRegistriesGiveClearErrors() throws Exception {
    Map<Integer, String> expected = Map.of(401, "no basic auth credentials", 403, "403", 404, "not found",
        500, "500", 0, "timed out");
    for (var e : expected.entrySet()) {
      try (StubRegistry stub = new StubRegistry(e.getKey())) {
        long start = System.nanoTime();
        Result r = docker("pull", stub.host() + "/app:1");
        assertNotEquals(0, r.exit, "status " + e.getKey());
        assertTrue(r.err.contains(e.getValue()), "status " + e.getKey() + ": " + r.err);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "status " + e.getKey() + " took too long");
        assertNotEquals(0, docker("image", "inspect", stub.host() + "/app:1").exit);
      }
    }
  }

  /** Pushes a fresh 2-layer image, breaks its second layer in Distribution's storage, pulls: nothing may stay. */
  private static void assertBrokenPull(String name, String message, FileAction breakIt) throws Exception {
    String ref = open.host() + "/" + name + ":1";
    JsonObject[] manifest = new JsonObject[1];
    Path layout = layoutDir(name, l -> manifest[0] = OciLayouts.image(l, "1", ARCH, 2, name));
    skopeoCopy(layout, "docker://" + ref, false);
    List<String> layers = OciLayouts.layerDigests(layout, manifest[0].getString("digest"));
    breakIt.apply(open.blobFile(layers.get(1)));
    Result r = docker("pull", ref);
    assertNotEquals(0, r.exit, name + ": " + r.out);
    assertTrue(r.err.contains(message), name + ": " + r.err);
    assertNotEquals(0, docker("image", "inspect", ref).exit, name + ": no image or tag");
    for (String layer : layers) {
      assertFalse(Files.exists(dir.resolve("data/registry/blobs/sha256").resolve(layer.substring(7))),
          name + ": blob " + layer + " left behind");
    }
  }

  private interface FileAction {
    void apply(Path file) throws IOException;
  }

  private interface LayoutWriter {
    void write(Path layout) throws IOException;
  }

  private static Path layoutDir(String name, LayoutWriter writer) throws IOException {
    Path layout = dir.resolve("layouts").resolve(name);
    writer.write(layout);
    return layout;
  }

  private static void skopeoCopy(Path layout, String dest, boolean all) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("skopeo", "copy", "--dest-tls-verify=false"));
    if (all) {
      cmd.add("--all");
    }
    cmd.addAll(List.of("oci:" + layout + ":1", dest));
    Result r = exec(cmd);
    assertEquals(0, r.exit, String.join(" ", cmd) + "\n" + r.err);
  }

  private record Result(int exit, String out, String err) {}

  private static Result docker(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("docker", "-H", "unix://" + socket));
    cmd.addAll(List.of(args));
    return exec(cmd);
  }

  private static Result exec(List<String> cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
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

  private static String hostArch() {
    String arch = System.getProperty("os.arch");
    return arch.equals("aarch64") ? "arm64" : arch.equals("x86_64") ? "amd64" : arch;
  }
}
