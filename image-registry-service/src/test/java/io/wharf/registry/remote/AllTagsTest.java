package io.wharf.registry.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.WharfException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which pull requests mean "every tag" (docker pull --all-tags): a bare repository name and no tag. */
class AllTagsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "busybox||true",
      "127.0.0.1:5000/team/app||true",
      "busybox|latest|false",
      "busybox:1||false",
      "127.0.0.1:5000/app@sha256:0123456789012345678901234567890123456789012345678901234567890123||false",
      "127.0.0.1:5000/app|sha256:0123456789012345678901234567890123456789012345678901234567890123|false",
      "||false"})
  void nameOnlyMeansEveryTag(String fromImage, String tag, boolean expected) {
    assertEquals(expected, ImagePuller.isNameOnly(fromImage, tag));
  }

  @ParameterizedTest
  @CsvSource({"BUSYBOX", "bad name", "a:b:c"})
  void malformedNamesAreRefused(String fromImage) {
    assertThrows(WharfException.class, () -> ImagePuller.isNameOnly(fromImage, null));
  }
}
