package io.wharf.registry.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.registry.TestImages;
import io.wharf.registry.store.Digests;
import io.wharf.registry.store.DurableFiles;
import io.wharf.registry.store.RegistryPaths;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UploadSessionsTest {
  private Path root;
  private RegistryPaths paths;
  private final AtomicLong now = new AtomicLong(System.currentTimeMillis());

  @BeforeEach
  void setUp() throws Exception {
    root = TestImages.freshDir("uploads");
    paths = new RegistryPaths(root);
  }

  @AfterEach
  void cleanUp() {
    DurableFiles.deleteTree(root);
  }

  private static ByteArrayInputStream in(byte[] b, int from, int to) {
    return new ByteArrayInputStream(Arrays.copyOfRange(b, from, to));
  }

  @Test
  void sessionSurvivesARestartAndFinishesWithTheRightDigest() {
    byte[] blob = new byte[300_000];
    new java.util.Random(1).nextBytes(blob);
    UploadSessions first = new UploadSessions(paths, now::get, 0);
    String id = first.start("app");
    assertEquals(100_000, first.append("app", id, in(blob, 0, 100_000), 0L, 99_999L));
    UploadSessions restarted = new UploadSessions(paths, now::get, 0);
    assertEquals(100_000, restarted.offset("app", id));
    assertEquals(200_000, restarted.append("app", id, in(blob, 100_000, 200_000), null, null));
    UploadSessions.VerifiedUpload v = restarted.finish("app", id, Digests.of(blob), in(blob, 200_000, 300_000), 200_000L, 299_999L);
    assertEquals(300_000, v.size());
    v.release().run();
    assertFalse(Files.exists(paths.upload(id)));
  }

  @Test
  void wrongRepositoryGapsAndLimits() {
    UploadSessions s = new UploadSessions(paths, now::get, 1000);
    String id = s.start("app");
    assertEquals(OciErrorCode.BLOB_UPLOAD_UNKNOWN,
        assertThrows(DistributionException.class, () -> s.offset("other", id)).code());
    assertEquals(OciErrorCode.RANGE_INVALID,
        assertThrows(DistributionException.class, () -> s.append("app", id, in(new byte[10], 0, 10), 5L, 14L)).code());
    assertEquals(OciErrorCode.TOO_LARGE,
        assertThrows(DistributionException.class, () -> s.append("app", id, in(new byte[2000], 0, 2000), null, null)).code());
    assertEquals(0, s.offset("app", id), "the refused chunk left nothing behind");
    assertEquals(OciErrorCode.BLOB_UPLOAD_UNKNOWN,
        assertThrows(DistributionException.class, () -> s.offset("app", "../../etc")).code());
  }

  @Test
  void staleSessionsArePurged() throws Exception {
    UploadSessions s = new UploadSessions(paths, now::get, 0);
    String old = s.start("app");
    Files.setLastModifiedTime(paths.uploadData(old), java.nio.file.attribute.FileTime.fromMillis(now.get() - 10_000));
    Files.setLastModifiedTime(paths.upload(old), java.nio.file.attribute.FileTime.fromMillis(now.get() - 10_000));
    String fresh = s.start("app");
    assertEquals(1, s.purgeStale(5_000));
    assertFalse(Files.exists(paths.upload(old)));
    assertTrue(Files.exists(paths.upload(fresh)));
  }
}
