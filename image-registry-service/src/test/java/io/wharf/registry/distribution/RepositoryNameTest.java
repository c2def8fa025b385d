package io.wharf.registry.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepositoryNameTest {
  @ParameterizedTest
  @CsvSource({
      "busybox, true", "library/busybox, true", "a/b/c, true", "a.b_c__d-e--f, true", "quay.io/x/y, true",
      "Upper, false", "../x, false", "a//b, false", "/a, false", "a/, false", "-a, false", "a-, false",
      "a___b, false", "a:5000/b, false", "'', false"})
  void names(String name, boolean valid) {
    assertEquals(valid, RepositoryName.isValid(name), name);
  }

  @ParameterizedTest
  @CsvSource({"latest, true", "v1.0-rc_1, true", "_x, true", ".x, false", "-x, false", "a/b, false", "a:b, false"})
  void tags(String tag, boolean valid) {
    assertEquals(valid, RepositoryName.isValidTag(tag), tag);
  }

  @ParameterizedTest
  @CsvSource({
      "busybox:latest, busybox, latest",
      "user/app:1, user/app, 1",
      "localhost:5000/app:1, app, 1",
      "127.0.0.1:5000/team/app:2.0, team/app, 2.0",
      "docker.io/library/busybox:1, busybox, 1",
      "quay.io/x/y:1, quay.io/x/y, 1",
      "example.com:6000/app:1, , ",
      "notag, , "})
  void familiarMapping(String familiar, String repo, String tag) {
    Optional<RepositoryName.RepoTag> rt = RepositoryName.fromFamiliar(familiar, List.of("localhost:5000", "127.0.0.1:5000"));
    assertEquals(repo == null ? Optional.empty() : Optional.of(new RepositoryName.RepoTag(repo, tag)), rt, familiar);
  }

  @org.junit.jupiter.api.Test
  void tooLong() {
    assertEquals(false, RepositoryName.isValid("a".repeat(256)));
    assertEquals(true, RepositoryName.isValid("a".repeat(255)));
  }
}
