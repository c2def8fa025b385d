package io.wharf.registry.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      busybox                               | docker.io/library/busybox:latest        | busybox:latest
      busybox:latest                        | docker.io/library/busybox:latest        | busybox:latest
      library/busybox                       | docker.io/library/busybox:latest        | busybox:latest
      docker.io/library/busybox:latest      | docker.io/library/busybox:latest        | busybox:latest
      index.docker.io/library/busybox:1.36  | docker.io/library/busybox:1.36          | busybox:1.36
      docker.io/busybox                     | docker.io/library/busybox:latest        | busybox:latest
      user/app:v1                           | docker.io/user/app:v1                   | user/app:v1
      docker.io/user/app                    | docker.io/user/app:latest               | user/app:latest
      127.0.0.1:5000/app:1                  | 127.0.0.1:5000/app:1                    | 127.0.0.1:5000/app:1
      localhost/app                         | localhost/app:latest                    | localhost/app:latest
      localhost:5000/a/b/c:x.y-z_1          | localhost:5000/a/b/c:x.y-z_1            | localhost:5000/a/b/c:x.y-z_1
      registry.example.com/team/app         | registry.example.com/team/app:latest    | registry.example.com/team/app:latest
      my-app__x.y:TAG                       | docker.io/library/my-app__x.y:TAG       | my-app__x.y:TAG
      """)
  void normalizesAndDisplays(String input, String canonical, String familiar) {
    ImageReference ref = ImageReference.parse(input).withDefaultTag();
    assertEquals(canonical, ref.canonicalString());
    assertEquals(familiar, ref.familiarString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      busybox@sha256:1315fc8220637e4047a9da5ffbeaf22ca6b521b1b40630a5ae4337c6a9ed0d61 | busybox@sha256:1315fc8220637e4047a9da5ffbeaf22ca6b521b1b40630a5ae4337c6a9ed0d61
      127.0.0.1:5000/app:1@sha256:1315fc8220637e4047a9da5ffbeaf22ca6b521b1b40630a5ae4337c6a9ed0d61 | 127.0.0.1:5000/app:1@sha256:1315fc8220637e4047a9da5ffbeaf22ca6b521b1b40630a5ae4337c6a9ed0d61
      """)
  void keepsDigests(String input, String familiar) {
    ImageReference ref = ImageReference.parse(input).withDefaultTag();
    assertEquals(familiar, ref.familiarString());
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', textBlock = """
      BUSYBOX             | invalid reference format: repository name (library/BUSYBOX) must be lowercase
      user/App            | invalid reference format: repository name (user/App) must be lowercase
      quay.io/x/Y:1       | invalid reference format: repository name (x/Y) must be lowercase
      busybox:            | invalid reference format
      busybox:-bad        | invalid reference format
      :latest             | invalid reference format
      bad name            | invalid reference format
      busy..box           | invalid reference format
      busybox@sha256:xyz  | invalid reference format
      -busybox            | invalid reference format
      a//b                | invalid reference format
      """)
  void refusesMalformed(String input, String message) {
    WharfException e = assertThrows(WharfException.class, () -> ImageReference.parse(input));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals(message, e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void refusesEmptyAndFullHexNames() {
    assertThrows(WharfException.class, () -> ImageReference.parse(""));
    assertThrows(WharfException.class, () -> ImageReference.parse(null));
    WharfException e = assertThrows(WharfException.class,
        () -> ImageReference.parse("1315fc8220637e4047a9da5ffbeaf22ca6b521b1b40630a5ae4337c6a9ed0d61"));
    assertTrue(e.getMessage().contains("cannot specify 64-byte hexadecimal strings"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
      docker.io/library/myimg | tagged | myimg:tagged
      127.0.0.1:5000/myimg    | 1      | 127.0.0.1:5000/myimg:1
      myimg                   | null   | myimg:latest
      myimg                   | ''     | myimg:latest
      myimg:2                 | null   | myimg:2
      """)
  void tagTargets(String repo, String tag, String familiar) {
    assertEquals(familiar, ImageReference.tagTarget(repo, tag).familiarString());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      myimg   | bad tag
      myimg   | -x
      MYIMG   | 1
      myimg:2 | 3
      """)
  void refusesBadTagTargets(String repo, String tag) {
    WharfException e = assertThrows(WharfException.class, () -> ImageReference.tagTarget(repo, tag));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
  }

  @org.junit.jupiter.api.Test
  void recognizesIds() {
    assertTrue(ImageReference.looksLikeId("dd87def3f456"));
    assertTrue(ImageReference.looksLikeId("sha256:dd87"));
    assertFalse(ImageReference.looksLikeId("busybox"));
    assertFalse(ImageReference.looksLikeId("sha256:"));
  }
}
