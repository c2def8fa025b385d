package io.wharf.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.container.ContainerState;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real docker CLI (client only, /usr/local/bin/docker) against the gateway with fake
 * services: version negotiation, ps, images, inspect, logs demultiplexing and a full attach with
 * stdin, half-close and exit code. Skipped without the CLI unless CI=true.
 */
class DockerCliTest {
  private static final Path DOCKER = Path.of("/usr/local/bin/docker");
  private static final String ID = "d1".repeat(32);
  private static GatewayHarness h;

  record Result(int exit, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    boolean present = Files.isExecutable(DOCKER);
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(present, "docker CLI missing at " + DOCKER);
    }
    Assumptions.assumeTrue(present, "docker CLI not installed");
    h = new GatewayHarness();
    GatewayHarness.await(h.services.add(ID, "cli1", ContainerState.RUNNING));
  }

  @AfterAll
  static void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void versionShowsWharfEngine() throws Exception {
    Result r = docker(null, "version");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("0.1.0-test"), r.out());
    assertTrue(r.out().contains("1.47 (minimum version 1.24)"), r.out());
  }

  @Test
  void psAndImagesAndInspect() throws Exception {
    Result ps = docker(null, "ps", "--no-trunc");
    assertEquals(0, ps.exit(), ps.err());
    assertTrue(ps.out().contains(ID) && ps.out().contains("cli1") && ps.out().contains("Up "), ps.out());
    Result images = docker(null, "images");
    assertEquals(0, images.exit(), images.err());
    assertTrue(images.out().contains("busybox") && images.out().contains("latest"), images.out());
    Result inspect = docker(null, "inspect", "-f", "{{.Id}} {{.Name}} {{.State.Status}}", "cli1");
    assertEquals(0, inspect.exit(), inspect.err());
    assertEquals(ID + " /cli1 running", inspect.out().trim());
    Result missing = docker(null, "inspect", "nosuchthing");
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("No such object: nosuchthing"), missing.err());
  }

  @Test
  void systemDf() throws Exception {
    Result r = docker(null, "system", "df");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("TYPE") && r.out().contains("Images") && r.out().contains("Containers"), r.out());
  }

  @Test
  void logsAreDemultiplexed() throws Exception {
    Result r = docker(null, "logs", "cli1");
    assertEquals(0, r.exit(), r.err());
    assertEquals("line1\n", r.out());
    assertEquals("line2\n", r.err());
  }

  @Test
  void attachWithStdinHalfClosesAndKeepsOutput() throws Exception {
    RawDockerClient.Response created = h.client.post("/v1.41/containers/create?name=cliatt",
        "{\"Image\":\"busybox\",\"Cmd\":[\"cat\"],\"OpenStdin\":true,\"StdinOnce\":true}");
    assertEquals(201, created.status(), created.text());
    assertEquals(204, h.client.post("/v1.41/containers/cliatt/start", null).status());
    Result r = docker("hello\nworld\n", "attach", "cliatt");
    assertTrue(r.out().contains("HELLO\nWORLD\n"), r.out() + r.err());
    assertTrue(r.out().endsWith("bye\n"), "output after stdin EOF lost: " + r.out());
    assertEquals(3, r.exit(), r.err());
  }

  @Test
  void runDoesCreateAttachWaitStart() throws Exception {
    Result r = docker(null, "run", "--rm", "--name", "runner1", "busybox", "echo", "hi");
    assertEquals("bye\n", r.out(), r.err());
    assertEquals(3, r.exit(), r.err());
    String log = String.join("\n", h.node.requests);
    assertTrue(log.contains("/attach?") && log.contains("/wait?condition=removed"), log);
    Result bad = docker(null, "run", "--rm", "nosuchimage", "true");
    assertEquals(125, bad.exit());
    assertTrue(bad.err().contains("manifest unknown"), bad.err());
  }

  @Test
  void saveAndLoadGoThroughTheRegistry() throws Exception {
    Path tar = h.dir.resolve("saved.tar");
    Result save = docker(null, "save", "-o", tar.toString(), "busybox");
    assertEquals(0, save.exit(), save.err());
    assertEquals(FakeRegistry.SAVE_SIZE, Files.size(tar));
    Result load = docker(null, "load", "-i", tar.toString());
    assertEquals(0, load.exit(), load.err());
    assertTrue(load.out().contains("Loaded image: loaded:1 (" + FakeRegistry.SAVE_SIZE + " bytes)"), load.out());
    Files.delete(tar);
  }

  @Test
  void pullOfPresentImageIsUpToDate() throws Exception {
    Result r = docker(null, "pull", "busybox");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Status: Image is up to date for busybox:latest"), r.out());
  }

  private static Result docker(String stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(DOCKER.toString(), "-H", "unix://" + h.socket));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DOCKER_CONFIG", h.dir.resolve("docker-config").toString());
    pb.environment().remove("DOCKER_HOST");
    pb.environment().remove("DOCKER_API_VERSION");
    Process p = pb.start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread t1 = copy(p.getInputStream(), out);
    Thread t2 = copy(p.getErrorStream(), err);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
      throw new AssertionError("docker " + String.join(" ", args) + " hung; out=" + out + " err=" + err);
    }
    t1.join(5000);
    t2.join(5000);
    return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Thread copy(InputStream in, ByteArrayOutputStream out) {
    Thread t = new Thread(() -> {
      try (in) {
        in.transferTo(out);
      } catch (java.io.IOException e) {
        // process ended
      }
    });
    t.start();
    return t;
  }
}
