package io.wharf.launcher;

import static io.wharf.launcher.DaemonProcess.deadline;
import static io.wharf.launcher.Prerequisites.onPath;
import static io.wharf.launcher.Prerequisites.require;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.wharf.launcher.ShellRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code DOCKER_BUILDKIT=0 docker build} (the classic builder) with the real docker CLI against a
 * real daemon: a multi-stage Dockerfile using every instruction, the image behaving as written, a
 * second build taken from the cache for every step, ONBUILD in a child, bad input leaving no tag or
 * container, and docker-compose v1's {@code build:}. Needs root, the docker CLI and a static busybox
 * (fails under CI=true when one is missing, skips otherwise); the compose test needs docker-compose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuildCliIT {
  static final String MULTI = """
      # escape=\\
      ARG BASE=busybox
      FROM ${BASE} AS builder
      ARG VERSION=1.0
      ENV APP_HOME=/opt/app \\
          MODE=prod
      WORKDIR $APP_HOME
      COPY src/ ./src/
      COPY --chown=1000:1000 --chmod=640 src/a.txt /owned/a.txt
      ADD files.tar.gz /extracted/
      RUN echo "version=$VERSION mode=$MODE" > build-info.txt && echo run-output-visible
      RUN ["sh", "-c", "echo exec form > exec.txt"]

      FROM busybox
      LABEL org.example.name="wharf test"
      MAINTAINER someone
      USER root
      COPY --from=builder /opt/app /app
      COPY --from=0 /owned/a.txt /owned-copy.txt
      COPY --from=builder /extracted/intar.txt /intar.txt
      EXPOSE 8080/tcp 9000
      VOLUME /data
      STOPSIGNAL SIGUSR1
      HEALTHCHECK --interval=30s --timeout=3s CMD true
      SHELL ["/bin/sh", "-c"]
      ONBUILD RUN echo child-trigger-ran
      WORKDIR /app
      ENTRYPOINT ["/bin/sh", "-c"]
      CMD ["cat /app/build-info.txt /app/exec.txt /app/src/a.txt /intar.txt; ls -ln /owned-copy.txt; test -e /app/secret.txt || echo no-secret"]
      """;

  private Path dir;
  private Path run;
  private DaemonProcess daemon;
  private String socket;
  private final String tag = UUID.randomUUID().toString().substring(0, 6);
  private final List<String> images = new ArrayList<>();

  @BeforeAll
  void startDaemon() throws Exception {
    DaemonProcess.assumeLauncherBuilt();
    require(DaemonProcess.isRoot(), "needs root");
    require(onPath("docker"), "needs the docker CLI");
    dir = DaemonProcess.scratch("build");
    run = Files.createTempDirectory(Path.of("/tmp"), "wb");
    socket = run.resolve("d.sock").toString();
    daemon = DaemonProcess.start("build", dir, List.of("daemon", "--data-root", dir.resolve("data").toString(),
        "--run-dir", run.resolve("r").toString(), "--socket", socket, "--node-name", "build-" + tag,
        "--registry-port", String.valueOf(DaemonProcess.freePort()),
        "--cluster-port", String.valueOf(DaemonProcess.freePort()), "--cluster-name", "build-" + tag));
    daemon.awaitLog(" ready in ", deadline(Duration.ofSeconds(90)));
    Path image = dir.resolve("busybox.tar");
    Process p = new ProcessBuilder(DaemonProcess.repoRoot().resolve("scripts/busybox-image.sh").toString(),
        image.toString()).redirectErrorStream(true).start();
    require(p.waitFor() == 0, "needs a static busybox: " + new String(p.getInputStream().readAllBytes()));
    ok("load", "-i", image.toString());
  }

  @AfterAll
  void stopDaemon() throws Exception {
    if (daemon != null) {
      for (String i : images) {
        docker("rmi", "-f", i);
      }
      daemon.stop();
    }
    if (run != null) {
      new ProcessBuilder("rm", "-rf", run.toString()).start().waitFor();
    }
  }

  @Test
  void multiStageImageBehavesAsWrittenAndASecondBuildIsAllCache() throws Exception {
    Path ctx = multiStageContext();
    String name = "multi-" + tag + ":1";
    images.add(name);
    int untaggedBefore = count(ok("images"), "<none>");
    Result first = build(ctx, "--build-arg", "VERSION=2.5", "-t", name, "--iidfile", dir.resolve("iid").toString());
    assertEquals(0, first.code(), first.out() + first.err() + daemon.log());
    assertTrue(first.out().contains("Step 8/25 : RUN echo \"version=$VERSION mode=$MODE\""), first.out());
    assertTrue(first.out().contains("run-output-visible"), first.out());
    assertTrue(first.out().contains("Successfully tagged " + name), first.out());
    String id = Files.readString(dir.resolve("iid")).trim();

    String out = ok("run", "--rm", name);
    assertTrue(out.startsWith("version=2.5 mode=prod\nexec form\na\nintar\n"), out);
    assertTrue(out.contains("-rw-r-----    1 0        0") && out.endsWith("no-secret\n"), out);
    String config = ok("image", "inspect", name, "--format",
        "{{.Config.User}}|{{.Config.WorkingDir}}|{{.Config.StopSignal}}|{{json .Config.ExposedPorts}}|{{json .Config.Volumes}}|{{index .Config.Labels \"org.example.name\"}}");
    assertEquals("root|/app|SIGUSR1|{\"8080/tcp\":{},\"9000/tcp\":{}}|{\"/data\":{}}|wharf test\n", config);

    Result second = build(ctx, "--build-arg", "VERSION=2.5", "-t", name, "--iidfile", dir.resolve("iid2").toString());
    assertEquals(0, second.code(), second.err());
    assertEquals(23, count(second.out(), " ---> Using cache"), second.out());
    assertEquals(id, Files.readString(dir.resolve("iid2")).trim());
    // the steps' images are hidden; the builder stage's last one is dangling, as with dockerd
    assertEquals(untaggedBefore + 2, count(ok("images"), "<none>"), ok("images"));

    Path child = Files.createDirectories(dir.resolve("child"));
    Files.writeString(child.resolve("Dockerfile"), "FROM " + name + "\nENV CHILD=1\n");
    images.add("child-" + tag);
    Result c = build(child, "-t", "child-" + tag);
    assertEquals(0, c.code(), c.out() + c.err());
    assertTrue(c.out().contains("# Executing 1 build trigger") && c.out().contains("child-trigger-ran"), c.out());
    assertEquals("", ok("ps", "-aq"));
  }

  @Test
  void badInputFailsClearlyAndLeavesNoTagOrContainer() throws Exception {
    Path ctx = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(ctx.resolve("x.txt"), "x\n");
    String name = "bad-" + tag + ":1";
    expectFailure(ctx, "FROM busybox\nRUN echo before; exit 3\n", 3,
        "The command '/bin/sh -c echo before; exit 3' returned a non-zero code: 3", "--force-rm");
    expectFailure(ctx, "FROM busybox\nFORM x\n", 1, "line 2");
    expectFailure(ctx, "FROM busybox\nCOPY ../x.txt /x\n", 1, "forbidden path outside the build context");
    expectFailure(ctx, "FROM busybox\nCOPY missing.txt /x\n", 1, "file not found in build context");
    expectFailure(ctx, "FROM busybox\nCOPY --from=nostage /a /b\n", 1, "invalid from flag value nostage");
    expectFailure(ctx, "FROM busybox AS a\nFROM busybox\n", 1, null, "--target", "nope");
    assertEquals(1, docker("image", "inspect", name).code());
    assertEquals("", ok("ps", "-aq"));
    assertEquals("", ShellRunner.sh("grep " + dir + " /proc/self/mountinfo || true").out());
  }

  @Test
  void intermediateContainersFollowRmAndForceRmAndRunSeesAddHost() throws Exception {
    Path ctx = Files.createDirectories(dir.resolve("rm-" + tag));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN grep dbhost /etc/hosts | tr '\\t' ' '\n");
    String name = "keep-" + tag + ":1";
    images.add(name);
    Result kept = build(ctx, "--rm=false", "--no-cache", "--add-host", "dbhost:10.1.2.3", "--cpu-shares", "512",
        "-t", name);
    try {
      assertEquals(0, kept.code(), kept.out() + kept.err() + daemon.log());
      assertTrue(kept.out().contains("10.1.2.3 dbhost"), kept.out());
      assertFalse(kept.out().contains("Removing intermediate container"), kept.out());
      assertEquals(1, ok("ps", "-aq").lines().count(), ok("ps", "-a"));

      Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN exit 4\n");
      assertEquals(4, build(ctx, "-t", "never-" + tag).code());
      // dockerd keeps a failed step's container unless --force-rm
      assertEquals(1, ok("ps", "-a", "--filter", "status=exited", "--format", "{{.Status}}").lines()
          .filter(l -> l.startsWith("Exited (4)")).count(), ok("ps", "-a"));
      assertEquals(4, build(ctx, "--force-rm", "-t", "never-" + tag).code());
      assertEquals(2, ok("ps", "-aq").lines().count(), ok("ps", "-a"));
      assertEquals(1, docker("image", "inspect", "never-" + tag).code());
      assertTrue(build(ctx, "--add-host", "dbhost:not-an-ip").code() != 0);
    } finally {
      for (String id : ok("ps", "-aq").lines().toList()) {
        docker("rm", "-f", id);
      }
    }
  }

  @Test
  void fromAnImageOfALocalRegistryIsPulledWithProgressAndPullRefreshesIt() throws Exception {
    require(DistributionServer.toolsPresent(), "needs docker-registry, htpasswd and skopeo");
    try (DistributionServer registry = DistributionServer.start(dir.resolve("registry-" + tag), null, null)) {
      String base = registry.host() + "/base-" + tag + ":1";
      ok("tag", "busybox", base);
      ok("push", base);
      ok("rmi", base);
      Path ctx = Files.createDirectories(dir.resolve("pull-" + tag));
      Files.writeString(ctx.resolve("Dockerfile"), "FROM " + base + "\nRUN cat /v2.txt || echo no-v2\n");
      images.add("pulled-" + tag);
      Result first = build(ctx, "-t", "pulled-" + tag);
      assertEquals(0, first.code(), first.out() + first.err());
      assertTrue(first.out().contains("Status: Downloaded newer image for " + base), first.out());
      assertTrue(first.out().contains("no-v2"), first.out());

      // the registry gets a newer base:1; the local tag stays the old one until --pull
      Path v2 = Files.createDirectories(dir.resolve("v2-" + tag));
      Files.writeString(v2.resolve("Dockerfile"), "FROM busybox\nRUN echo v2 > /v2.txt\n");
      images.add(base);
      assertEquals(0, build(v2, "-t", base).code());
      ok("push", base);
      ok("tag", "busybox", base);
      Result stale = build(ctx, "--no-cache", "-t", "pulled-" + tag);
      assertTrue(stale.out().contains("no-v2") && !stale.out().contains("Pulling from"), stale.out());
      Result pulled = build(ctx, "--pull", "-t", "pulled-" + tag);
      assertEquals(0, pulled.code(), pulled.out() + pulled.err());
      assertTrue(pulled.out().contains("Status: Downloaded newer image for " + base), pulled.out());
      assertTrue(pulled.out().contains("\nv2\n"), pulled.out());

      Files.writeString(ctx.resolve("Dockerfile"), "FROM " + registry.host() + "/missing-" + tag + ":1\n");
      Result missing = build(ctx, "-t", "never-" + tag);
      assertEquals(1, missing.code(), missing.out() + missing.err());
      assertEquals(1, docker("image", "inspect", "never-" + tag).code());
    }
  }

  @Test
  void dockerPyBuildsReturnImageAndLogs() throws Exception {
    require(ShellRunner.sh("python3 -c 'import docker'").code() == 0, "needs docker-py (python3 -c 'import docker')");
    Path ctx = Files.createDirectories(dir.resolve("py-" + tag));
    Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox AS base\nARG V=1\nRUN echo v=$V > /v.txt\n"
        + "LABEL stage=base\nFROM base\nCMD [\"cat\", \"/v.txt\"]\n");
    Files.writeString(ctx.resolve("Other.dockerfile"), "FROM busybox\nCMD [\"other\"]\n");
    Path script = dir.resolve("docker-py-build.py");
    try (var in = getClass().getResourceAsStream("/docker-py-build.py")) {
      Files.write(script, in.readAllBytes());
    }
    Result r = ShellRunner.sh("DOCKER_HOST=unix://" + socket + " python3 " + script + " " + ctx + " py-" + tag);
    assertEquals(0, r.code(), r.out() + r.err() + daemon.log());
    assertEquals(String.join("\n", "a True True b'v=7\\n'", "b base", "c ['other']", "d True", "e b'hi\\n'",
        "f The command '/bin/sh -c exit 5' returned a non-zero code: 5",
        "g failed to reach build target nope in Dockerfile") + "\n", r.out());
    assertEquals("", ok("ps", "-aq"));
  }

  @Test
  void composeV1BuildsAService() throws Exception {
    require(onPath("docker-compose"), "needs docker-compose (v1)");
    Path project = Files.createDirectories(dir.resolve("compose-" + tag));
    Files.createDirectories(project.resolve("app"));
    Files.writeString(project.resolve("app/Dockerfile"), "FROM busybox AS app\nARG WORD=default\n"
        + "RUN echo $WORD > /c.txt\nCMD [\"cat\", \"/c.txt\"]\nFROM app\nRUN echo later-stage > /c.txt\n");
    Files.writeString(project.resolve("docker-compose.yml"), "version: \"3.4\"\nservices:\n  web:\n    build:\n"
        + "      context: ./app\n      args:\n        WORD: composed\n      target: app\n"
        + "    image: composed-" + tag + ":1\n");
    images.add("composed-" + tag + ":1");
    Result r = ShellRunner.sh("cd " + project + " && DOCKER_HOST=unix://" + socket + " docker-compose build 2>&1");
    assertEquals(0, r.code(), r.out() + r.err() + daemon.log());
    assertEquals("composed\n", ok("run", "--rm", "composed-" + tag + ":1"));
  }

  private void expectFailure(Path ctx, String dockerfile, int code, String message, String... extra) throws Exception {
    Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
    List<String> args = new ArrayList<>(List.of("-t", "bad-" + tag + ":1"));
    args.addAll(List.of(extra));
    Result r = build(ctx, args.toArray(String[]::new));
    assertEquals(code, r.code(), dockerfile + "\n" + r.out() + r.err());
    if (message != null) {
      assertTrue((r.out() + r.err()).contains(message), r.out() + r.err());
    }
  }

  private Path multiStageContext() throws Exception {
    Path ctx = Files.createDirectories(dir.resolve("multi"));
    Files.createDirectories(ctx.resolve("src/sub"));
    Files.writeString(ctx.resolve("src/a.txt"), "a\n");
    Files.writeString(ctx.resolve("src/sub/b.txt"), "b\n");
    Files.writeString(ctx.resolve("secret.txt"), "secret\n");
    Files.writeString(ctx.resolve(".dockerignore"), "secret.txt\n");
    Path tarsrc = Files.createDirectories(dir.resolve("tarsrc"));
    Files.writeString(tarsrc.resolve("intar.txt"), "intar\n");
    assertEquals(0, ShellRunner.sh("tar czf " + ctx.resolve("files.tar.gz") + " -C " + tarsrc + " intar.txt").code());
    Files.writeString(ctx.resolve("Dockerfile"), MULTI);
    return ctx;
  }

  private Result build(Path ctx, String... args) throws Exception {
    return ShellRunner.sh("DOCKER_BUILDKIT=0 DOCKER_HOST=unix://" + socket + " docker build " + String.join(" ",
        args.length == 0 ? new String[0] : quoteAll(args)) + " " + ctx);
  }

  private static String[] quoteAll(String[] args) {
    String[] out = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      out[i] = "'" + args[i].replace("'", "'\\''") + "'";
    }
    return out;
  }

  private static int count(String text, String needle) {
    return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
  }

  private String ok(String... args) throws Exception {
    Result r = docker(args);
    if (r.code() != 0) {
      fail("docker " + String.join(" ", args) + " failed (" + r.code() + "): " + r.err() + "\n" + daemon.log());
    }
    return r.out();
  }

  private Result docker(String... args) throws Exception {
    return ShellRunner.docker(socket, args);
  }
}
