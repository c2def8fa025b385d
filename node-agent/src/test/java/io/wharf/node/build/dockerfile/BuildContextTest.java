package io.wharf.node.build.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {
  @TempDir Path tmp;

  private BuildContext unpack(byte[] tar) throws Exception {
    return BuildContext.unpack(new ByteArrayInputStream(tar), tmp.resolve("ctx"));
  }

  @Test
  void keepsFilesDirsSymlinksHardlinksModesAndMtimes() throws Exception {
    BuildContext ctx = unpack(new ContextTar()
        .dir("bin", 0750)
        .file("bin/run.sh", "#!/bin/sh\n", 0755)
        .file("./conf//app.conf", "x=1\n", 0640)
        .symlink("abs", "/etc/passwd")
        .symlink("rel", "bin/run.sh")
        .hardlink("bin/run2.sh", "bin/run.sh")
        .file("Dockerfile", "FROM busybox\n")
        .bytes());
    Path root = ctx.root();
    assertEquals("#!/bin/sh\n", Files.readString(root.resolve("bin/run.sh")));
    assertEquals(0755, mode(root.resolve("bin/run.sh")));
    assertEquals(0750, mode(root.resolve("bin")));
    assertEquals(0640, mode(root.resolve("conf/app.conf")));
    assertEquals(ContextTar.MTIME, Files.getLastModifiedTime(root.resolve("conf/app.conf")));
    assertEquals(ContextTar.MTIME, Files.getLastModifiedTime(root.resolve("bin")));
    assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(root.resolve("abs")));
    assertTrue(Files.isSameFile(root.resolve("bin/run.sh"), root.resolve("bin/run2.sh")));
    assertEquals("FROM busybox\n", ctx.readDockerfile("Dockerfile"));
    assertEquals("FROM busybox\n", ctx.readDockerfile(""));
  }

  @Test
  void gzipContext() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(new ContextTar().file("Dockerfile", "FROM a\n").bytes());
    }
    assertEquals("FROM a\n", unpack(gz.toByteArray()).readDockerfile("Dockerfile"));
  }

  @Test
  void unterminatedTailFromTheCliIsRead() throws Exception {
    byte[] tar = new ContextTar().file("a.txt", "a").unterminatedWith(".dockerfile.1234", "FROM a\nRUN x\n");
    BuildContext ctx = unpack(tar);
    assertEquals("FROM a\nRUN x\n", ctx.readDockerfile(".dockerfile.1234"));
    assertEquals("a", Files.readString(ctx.root().resolve("a.txt")));
  }

  @Test
  void shortEntryBodyIsAnError() {
    byte[] full = new ContextTar().file("big", "x".repeat(2000)).bytes();
    byte[] cut = java.util.Arrays.copyOf(full, 512 + 1000);
    assertThrows(IOException.class, () -> unpack(cut));
  }

  @Test
  void refusesDotDotAndAbsoluteEntries() throws Exception {
    for (String name : new String[] {"../escape", "a/../../escape", "/abs"}) {
      DockerfileException e = assertThrows(DockerfileException.class,
          () -> BuildContext.unpack(new ByteArrayInputStream(new ContextTar().file(name, "x").bytes()),
              tmp.resolve("ctx-" + name.hashCode())));
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
    assertFalse(Files.exists(tmp.resolve("escape")));
  }

  @Test
  void neverWritesThroughASymlink() throws Exception {
    Path outside = Files.createDirectory(tmp.resolve("outside"));
    for (String target : new String[] {outside.toString(), "../outside", "."}) {
      byte[] tar = new ContextTar().symlink("evil", target).file("evil/planted", "x").bytes();
      DockerfileException e = assertThrows(DockerfileException.class,
          () -> BuildContext.unpack(new ByteArrayInputStream(tar), tmp.resolve("ctx-" + target.hashCode())));
      assertTrue(e.getMessage().contains("goes through the symlink evil"), e.getMessage());
    }
    byte[] replace = new ContextTar().symlink("f", outside.resolve("victim").toString()).file("f", "new").bytes();
    BuildContext ctx = unpack(replace);
    assertFalse(Files.exists(outside.resolve("victim")), "a file entry replaces a symlink, never follows it");
    assertEquals("new", Files.readString(ctx.root().resolve("f")));
  }

  @Test
  void hardLinkMustPointIntoTheContext() {
    byte[] tar = new ContextTar().hardlink("h", "/etc/passwd").bytes();
    assertThrows(DockerfileException.class, () -> unpack(tar));
    byte[] missing = new ContextTar().hardlink("h", "nothere").bytes();
    assertThrows(DockerfileException.class, () -> unpack(missing));
  }

  @Test
  void corruptStreamIsAnIoError() {
    byte[] junk = new byte[1024];
    java.util.Arrays.fill(junk, (byte) 7);
    assertThrows(IOException.class, () -> unpack(junk));
  }

  @Test
  void dockerignoreRemovesExcludedButTheDockerfileStaysReadable() throws Exception {
    BuildContext ctx = unpack(new ContextTar()
        .file(".dockerignore", "*.log\nsecret\n!secret/keep\nDockerfile\n.dockerignore\nempty\n")
        .file("Dockerfile", "FROM a\n")
        .file("a.log", "x")
        .file("sub/b.log", "kept: *.log is only top-level")
        .file("b.txt", "b")
        .file("secret/x", "x")
        .file("secret/keep", "k")
        .dir("empty", 0755)
        .bytes());
    Path root = ctx.root();
    assertFalse(Files.exists(root.resolve("a.log")));
    assertTrue(Files.exists(root.resolve("sub/b.log")));
    assertTrue(Files.exists(root.resolve("b.txt")));
    assertFalse(Files.exists(root.resolve("secret/x")));
    assertTrue(Files.exists(root.resolve("secret/keep")));
    assertFalse(Files.exists(root.resolve("empty")));
    assertFalse(Files.exists(root.resolve("Dockerfile")));
    assertFalse(Files.exists(root.resolve(".dockerignore")));
    assertEquals("FROM a\n", ctx.readDockerfile("Dockerfile"));
    assertTrue(ctx.ignore().excluded("a.log"));
  }

  @Test
  void readDockerfileRules() throws Exception {
    BuildContext ctx = unpack(new ContextTar()
        .file("dockerfile", "FROM lower\n")
        .file("build/Dockerfile.dev", "FROM dev\n")
        .symlink("linked", "/build/Dockerfile.dev")
        .dir("adir", 0755)
        .bytes());
    assertEquals("FROM lower\n", ctx.readDockerfile("Dockerfile"));
    assertEquals("FROM dev\n", ctx.readDockerfile("build/Dockerfile.dev"));
    assertEquals("FROM dev\n", ctx.readDockerfile("./build//Dockerfile.dev"));
    assertEquals("FROM dev\n", ctx.readDockerfile("linked"));
    for (String bad : new String[] {"nope", "adir", "../Dockerfile", "build/../../x"}) {
      DockerfileException e = assertThrows(DockerfileException.class, () -> ctx.readDockerfile(bad));
      assertEquals("Cannot locate specified Dockerfile: " + bad, e.getMessage());
    }
  }

  private static int mode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }
}
