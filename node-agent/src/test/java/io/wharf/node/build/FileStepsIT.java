package io.wharf.node.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wharf.api.image.ImageDetails;
import io.wharf.node.build.dockerfile.DockerfileParser;
import io.wharf.node.build.dockerfile.Instruction;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPY and ADD writing into a root filesystem (a plain directory standing in for the step's
 * overlay): destinations, directory contents, --chown/--chmod (root: chown), ADD's archive
 * extraction, and a symlink planted by the image never leading a write outside the rootfs.
 */
class FileStepsIT {
  @TempDir
  Path dir;
  Path ctx;
  Path rootfs;
  FileSteps steps;

  @BeforeEach
  void setUp() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root && "true".equals(System.getenv("CI"))) {
      org.junit.jupiter.api.Assertions.fail("needs root (chown)");
    }
    assumeTrue(root, "needs root (chown)");
    ctx = Files.createDirectories(dir.resolve("build/context"));
    rootfs = Files.createDirectories(dir.resolve("rootfs"));
    Files.createDirectories(rootfs.resolve("etc"));
    Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\napp:x:1000:1001::/home/app:/bin/sh\n");
    Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\napp:x:1001:\n");
    Files.createDirectories(ctx.resolve("src/sub"));
    Files.writeString(ctx.resolve("src/a.txt"), "a\n");
    Files.writeString(ctx.resolve("src/sub/b.txt"), "b\n");
    BuildWorkspace onDirectory = new BuildWorkspace() {
      @Override
      public Path run(RunRequest r, BuildMessages messages) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Path change(ImageDetails parent, RootfsChange change) throws BuildFailure {
        try {
          change.apply(rootfs);
        } catch (java.io.IOException e) {
          throw new BuildFailure(e.getMessage());
        }
        return null;
      }

      @Override
      public <T> T read(ImageDetails image, RootfsRead<T> read) {
        throw new UnsupportedOperationException();
      }
    };
    steps = new FileSteps(null, onDirectory, ctx);
  }

  void copy(String line, String workdir) throws Exception {
    Instruction in = DockerfileParser.parse("FROM busybox\n" + line).stages().get(0).instructions().get(0);
    ImageDoc doc = ImageDoc.scratch();
    doc.config().put("WorkingDir", workdir);
    FileSteps.Plan plan = steps.plan(in, new StepRunner.State("sha256:p", doc, false), Map.of(), '\\', Map.of(), Map.of());
    steps.apply(plan, null);
  }

  @Test
  void directoriesCopyTheirContentsAndFilesTakeTheDestinationName() throws Exception {
    copy("COPY src/ /opt/app/", "/");
    assertEquals("a\n", Files.readString(rootfs.resolve("opt/app/a.txt")));
    assertEquals("b\n", Files.readString(rootfs.resolve("opt/app/sub/b.txt")));
    copy("COPY src/a.txt renamed.txt", "/work");
    assertEquals("a\n", Files.readString(rootfs.resolve("work/renamed.txt")));
    copy("COPY src/a.txt /opt/app", "/");
    assertTrue(Files.isRegularFile(rootfs.resolve("opt/app/a.txt")), "an existing directory receives the file");
  }

  @Test
  void chownByNameAndChmodApplyToEveryCopiedEntry() throws Exception {
    copy("COPY --chown=app --chmod=640 src/ /owned/", "/");
    Path a = rootfs.resolve("owned/a.txt");
    assertEquals(1000, Files.getAttribute(a, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    assertEquals(1000, Files.getAttribute(a, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(a)));
    copy("COPY --chown=app:app src/a.txt /g.txt", "/");
    assertEquals(1001, Files.getAttribute(rootfs.resolve("g.txt"), "unix:gid", LinkOption.NOFOLLOW_LINKS));
    copy("COPY src/a.txt /root-owned.txt", "/");
    assertEquals(0, Files.getAttribute(rootfs.resolve("root-owned.txt"), "unix:uid", LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void addExtractsLocalTarsAndCopyDoesNot() throws Exception {
    Path src = Files.createDirectories(dir.resolve("tarsrc"));
    Files.writeString(src.resolve("in.txt"), "in\n");
    assertEquals(0, new ProcessBuilder("tar", "czf", ctx.resolve("t.tgz").toString(), "-C", src.toString(), "in.txt")
        .start().waitFor());
    copy("ADD t.tgz /x/", "/");
    assertEquals("in\n", Files.readString(rootfs.resolve("x/in.txt")));
    copy("COPY t.tgz /y/", "/");
    assertTrue(Files.isRegularFile(rootfs.resolve("y/t.tgz")));
  }

  @Test
  void aSymlinkInTheImageNeverLeadsAWriteOutside() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(rootfs.resolve("evil"), outside);
    Files.createDirectories(rootfs.resolve("d"));
    Files.createSymbolicLink(rootfs.resolve("d/sub"), outside);
    try {
      copy("COPY src/a.txt /evil/a.txt", "/");
    } catch (BuildFailure e) {
      // refusing is as good as confining
    }
    try {
      copy("COPY src/ /d/", "/"); // the extractor replaces or refuses the planted link, never follows it
    } catch (BuildFailure e) {
      // refused
    }
    try (var files = Files.list(outside)) {
      assertEquals(0, files.count(), "nothing was written through the image's symlinks");
    }
    assertFalse(Files.exists(Path.of("/evil/a.txt")));
  }

  @Test
  void directoriesTheImageHadKeepTheirMtime() throws Exception {
    Path existing = Files.createDirectories(rootfs.resolve("srv/www"));
    java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(existing, old);
    Files.setLastModifiedTime(rootfs.resolve("srv"), old);
    copy("COPY src/a.txt /srv/www/", "/");
    assertEquals(old, Files.getLastModifiedTime(existing));
    assertEquals(old, Files.getLastModifiedTime(rootfs.resolve("srv")));
    assertEquals(Files.getLastModifiedTime(ctx.resolve("src/a.txt")).toMillis() / 1000,
        Files.getLastModifiedTime(existing.resolve("a.txt")).toMillis() / 1000);
  }

  @Test
  void addOfAUrlDownloadsAndItsContentIsTheCacheInput() throws Exception {
    String[] body = {"v1\n"};
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/files/remote.txt", ex -> {
      byte[] b = body[0].getBytes(java.nio.charset.StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/files/remote.txt";
      String first = planOf("ADD " + url + " /dl/").createdBy();
      copy("ADD " + url + " /dl/", "/");
      Path got = rootfs.resolve("dl/remote.txt");
      assertEquals("v1\n", Files.readString(got));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(got)));
      assertEquals(first, planOf("ADD " + url + " /dl/").createdBy());
      body[0] = "v2\n";
      assertFalse(first.equals(planOf("ADD " + url + " /dl/").createdBy()), "new content, new cache key");
    } finally {
      server.stop(0);
    }
  }

  FileSteps.Plan planOf(String line) throws Exception {
    Instruction in = DockerfileParser.parse("FROM busybox\n" + line).stages().get(0).instructions().get(0);
    return steps.plan(in, new StepRunner.State("sha256:p", ImageDoc.scratch(), false), Map.of(), '\\', Map.of(),
        Map.of());
  }

  @Test
  void manySourcesNeedADirectoryDestination() throws Exception {
    BuildFailure e = assertThrows(BuildFailure.class, () -> copy("COPY src/a.txt src/sub/b.txt /one", "/"));
    assertTrue(e.getMessage().contains("must be a directory and end with a /"), e.getMessage());
  }
}
