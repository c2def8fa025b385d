package io.wharf.node.build.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CopySourcesTest {
  @TempDir Path tmp;
  Path root;

  @BeforeEach
  void context() throws Exception {
    byte[] tar = new ContextTar()
        .file("a.txt", "a")
        .file("b.txt", "b")
        .file("c.md", "c")
        .file("src/main.c", "int main;")
        .file("src/util.c", "int util;")
        .file("src/lib/x.c", "x")
        .file("sp ace.txt", "s")
        .symlink("abs", "/src/main.c")
        .symlink("up", "../../src")
        .bytes();
    root = BuildContext.unpack(new ByteArrayInputStream(tar), tmp.resolve("ctx")).root();
  }

  private List<String> rels(String... patterns) throws DockerfileException {
    return CopySources.resolve(root, List.of(patterns)).stream().map(CopySource::relPath).toList();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', emptyValue = "", value = {
      "a.txt|a.txt",
      "/a.txt|a.txt",
      "./src/../a.txt|a.txt",
      "*.txt|a.txt,b.txt,sp ace.txt",
      "?.txt|a.txt,b.txt",
      "[ab].txt|a.txt,b.txt",
      "[^a].txt|b.txt",
      "src/*.c|src/main.c,src/util.c",
      "*/lib|src/lib",
      "s*|sp ace.txt,src",
      "src|src",
      ".|''",
      "abs|abs",
  })
  void resolvesGlobsAndPaths(String pattern, String expected) throws Exception {
    List<String> want = expected.equals("''") ? List.of("") : List.of(expected.split(","));
    assertEquals(want, rels(pattern));
  }

  @Test
  void symlinksAreFollowedInsideTheContext() throws Exception {
    CopySource abs = CopySources.resolve(root, List.of("abs")).get(0);
    assertEquals(root.resolve("src/main.c"), abs.path());
    CopySource up = CopySources.resolve(root, List.of("up/lib")).get(0);
    assertEquals(root.resolve("src/lib"), up.path(), "../.. in a symlink stops at the context root");
    assertEquals("up/lib", up.relPath());
  }

  @Test
  void badSources() {
    DockerfileException outside = assertThrows(DockerfileException.class, () -> rels("../x"));
    assertEquals("COPY failed: forbidden path outside the build context: ../x ()", outside.getMessage());
    assertThrows(DockerfileException.class, () -> rels("src/../../x"));
    DockerfileException missing = assertThrows(DockerfileException.class, () -> rels("nope.txt"));
    assertEquals("COPY failed: file not found in build context or excluded by .dockerignore: stat nope.txt: "
        + "file does not exist", missing.getMessage());
    DockerfileException none = assertThrows(DockerfileException.class,
        () -> CopySources.resolve(root, List.of("*.none"), "ADD"));
    assertEquals("ADD failed: no source files were specified", none.getMessage());
    assertThrows(DockerfileException.class, () -> rels("[a-"));
  }

  @Test
  void checksumIgnoresMtimesButNotContentOrMode() throws Exception {
    List<CopySource> sources = CopySources.resolve(root, List.of("src", "a.txt"));
    String first = CopySources.checksum(sources);
    assertTrue(first.startsWith("sha256:") && first.length() == 71, first);
    Files.setLastModifiedTime(root.resolve("src/main.c"), FileTime.from(Instant.now()));
    Files.setLastModifiedTime(root.resolve("src"), FileTime.from(Instant.now()));
    assertEquals(first, CopySources.checksum(sources));

    Files.writeString(root.resolve("src/lib/x.c"), "y");
    String changedContent = CopySources.checksum(sources);
    assertNotEquals(first, changedContent);

    Files.setAttribute(root.resolve("a.txt"), "unix:mode", 0600);
    String changedMode = CopySources.checksum(sources);
    assertNotEquals(changedContent, changedMode);

    Files.writeString(root.resolve("src/new.c"), "");
    assertNotEquals(changedMode, CopySources.checksum(sources));
    assertNotEquals(CopySources.checksum(CopySources.resolve(root, List.of("a.txt"))),
        CopySources.checksum(CopySources.resolve(root, List.of("b.txt"))));
  }
}
