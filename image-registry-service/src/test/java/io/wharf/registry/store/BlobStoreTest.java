package io.wharf.registry.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.registry.TestImages;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlobStoreTest {
  private Path root;
  private RegistryPaths paths;
  private BlobStore blobs;

  @BeforeEach
  void open() throws Exception {
    root = TestImages.freshDir("blobs");
    paths = new RegistryPaths(root);
    blobs = new BlobStore(paths);
  }

  @AfterEach
  void cleanUp() {
    DurableFiles.deleteTree(root);
  }

  @Test
  void putHashesVerifiesAndIsIdempotent() throws Exception {
    byte[] data = "hello blob".getBytes();
    String digest = Digests.of(data);
    Descriptor d = blobs.put(new ByteArrayInputStream(data), digest);
    assertEquals(new Descriptor(digest, data.length), d);
    assertEquals(d, blobs.put(new ByteArrayInputStream(data), null));
    assertTrue(blobs.has(digest));
    assertEquals(data.length, blobs.size(digest));
    try (InputStream in = blobs.open(digest)) {
      assertArrayEquals(data, in.readAllBytes());
    }
    assertEquals(0, TestImages.countFiles(paths.tmp()));
    blobs.delete(digest);
    assertFalse(blobs.has(digest));
    blobs.delete(digest);
  }

  @Test
  void wrongDigestIsRefusedAndLeavesNothing() throws Exception {
    String other = Digests.of("other".getBytes());
    WharfException e = assertThrows(WharfException.class,
        () -> blobs.put(new ByteArrayInputStream("hello".getBytes()), other));
    assertEquals(ErrorCategory.INVALID_ARGUMENT, e.category());
    assertEquals(0, TestImages.countFiles(paths.tmp()));
    assertEquals(0, TestImages.countFiles(paths.blobs()));
  }

  @Test
  void missingAndMalformedDigests() {
    String absent = "sha256:" + "a".repeat(64);
    assertFalse(blobs.has(absent));
    assertFalse(blobs.has("sha256:../../etc/passwd"));
    assertEquals(ErrorCategory.NOT_FOUND, assertThrows(WharfException.class, () -> blobs.open(absent)).category());
    assertEquals(ErrorCategory.INVALID_ARGUMENT,
        assertThrows(WharfException.class, () -> blobs.open("sha256:../x")).category());
    assertEquals(ErrorCategory.INVALID_ARGUMENT,
        assertThrows(WharfException.class, () -> blobs.size("md5:abc")).category());
  }
}
