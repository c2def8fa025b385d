package io.wharf.registry.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class V2PathTest {
  @ParameterizedTest
  @CsvSource({
      "/v2/, BASE, , ",
      "/v2, BASE, , ",
      "/v2/_catalog, CATALOG, , ",
      "/v2/a/b/tags/list, TAGS, a/b, ",
      "/v2/a/manifests/latest, MANIFEST, a, latest",
      "/v2/a/manifests/sha256:abc, MANIFEST, a, sha256:abc",
      "/v2/a/b/blobs/uploads/, UPLOADS, a/b, ",
      "/v2/a/blobs/uploads, UPLOADS, a, ",
      "/v2/a/blobs/uploads/1234, UPLOAD, a, 1234",
      "/v2/a/blobs/sha256:x, BLOB, a, sha256:x",
      "/v2/blobs/blobs/sha256:x, BLOB, blobs, sha256:x",
      "/v2/a/referrers/sha256:x, REFERRERS, a, sha256:x"})
  void routes(String path, V2Path.Kind kind, String name, String ref) {
    assertEquals(new V2Path(kind, name, ref), V2Path.parse(path));
  }

  @ParameterizedTest
  @CsvSource({"/v2/a", "/v2/a/tags", "/v3/a/tags/list", "/v2/a/manifests/"})
  void notRoutes(String path) {
    assertNull(V2Path.parse(path));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "bytes=0-9      | 100 | 0,9",
      "bytes=90-      | 100 | 90,99",
      "bytes=-10      | 100 | 90,99",
      "bytes=50-500   | 100 | 50,99",
      "bytes=100-     | 100 | ''",
      "bytes=5-2      | 100 | ''",
      "bytes=0-1,3-4  | 100 | ",
      "items=0-1      | 100 | "})
  void byteRanges(String header, long size, String expected) {
    long[] r = ByteRange.parse(header, size);
    if (expected == null) {
      assertNull(r);
    } else if (expected.isEmpty()) {
      assertEquals(0, r.length);
    } else {
      String[] p = expected.split(",");
      assertEquals(Long.parseLong(p[0]), r[0]);
      assertEquals(Long.parseLong(p[1]), r[1]);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"0-99 | 0,99", "bytes 100-199/500 | 100,199", "5-1 | ''", "x | ''", "'' | "})
  void contentRanges(String header, String expected) {
    long[] r = ByteRange.contentRange(header);
    if (expected == null) {
      assertNull(r);
    } else if (expected.isEmpty()) {
      assertEquals(0, r.length);
    } else {
      assertEquals(expected, r[0] + "," + r[1]);
    }
  }
}
