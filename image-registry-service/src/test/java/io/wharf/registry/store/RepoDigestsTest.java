package io.wharf.registry.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoDigestsTest {
  @TempDir
  Path dir;

  private RepoDigests digests() throws Exception {
    RegistryPaths paths = new RegistryPaths(dir);
    Files.createDirectories(paths.root());
    return new RepoDigests(paths);
  }

  @Test
  void removingARepositoryKeepsTheOthers() throws Exception {
    RepoDigests d = digests();
    d.add("sha256:i", "reg/app", "sha256:1");
    d.add("sha256:i", "reg/application", "sha256:1");
    assertEquals(List.of("reg/app@sha256:1"), d.removeRepository("sha256:i", "reg/app"));
    assertEquals(List.of("reg/application@sha256:1"), d.of("sha256:i"));
    assertEquals(List.of(), d.removeRepository("sha256:i", "reg/app"), "nothing left to remove");
  }

  @Test
  void removingAllForgetsTheImage() throws Exception {
    RepoDigests d = digests();
    d.add("sha256:i", "reg/app", "sha256:1");
    d.add("sha256:j", "reg/other", "sha256:2");
    assertEquals(List.of("reg/app@sha256:1"), d.removeAll("sha256:i"));
    assertEquals(List.of(), d.of("sha256:i"));
    assertEquals(List.of("reg/other@sha256:2"), d.of("sha256:j"));
    assertEquals(List.of(), d.removeAll("sha256:unknown"));
  }

  @Test
  void removingOneNameKeepsTheOthers() throws Exception {
    RepoDigests d = digests();
    d.add("sha256:i", "reg/app", "sha256:1");
    d.add("sha256:i", "reg/other", "sha256:1");
    assertEquals(true, d.remove("sha256:i", "reg/app@sha256:1"));
    assertEquals(List.of("reg/other@sha256:1"), d.of("sha256:i"));
    assertEquals(false, d.remove("sha256:i", "reg/app@sha256:1"), "already gone");
    assertEquals(false, d.remove("sha256:unknown", "reg/app@sha256:1"));
  }
}
