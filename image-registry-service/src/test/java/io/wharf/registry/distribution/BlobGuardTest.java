package io.wharf.registry.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlobGuardTest {
  @Test
  void touchedBlobsSurviveTheSweepUntouchedOnesGo() {
    BlobGuard g = new BlobGuard();
    List<String> deleted = new ArrayList<>();
    g.touch("a"); // before the collection: not recorded (the mark phase sees its link instead)
    g.beginCollection();
    g.referencing(() -> {
      g.touch("b");
      return null;
    });
    assertTrue(g.sweep("a", () -> deleted.add("a")));
    assertFalse(g.sweep("b", () -> deleted.add("b")));
    g.endCollection();
    assertEquals(List.of("a"), deleted);
  }

  @Test
  void aSweepWaitsForAWriterInsideReferencing() throws Exception {
    BlobGuard g = new BlobGuard();
    g.beginCollection();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread writer = new Thread(() -> g.referencing(() -> {
      inside.countDown();
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      g.touch("c");
      return null;
    }));
    writer.start();
    assertTrue(inside.await(5, TimeUnit.SECONDS));
    List<String> deleted = new ArrayList<>();
    Thread sweeper = new Thread(() -> g.sweep("c", () -> deleted.add("c")));
    sweeper.start();
    Thread.sleep(100);
    assertTrue(deleted.isEmpty(), "the sweep must wait for the writer");
    release.countDown();
    writer.join(5000);
    sweeper.join(5000);
    assertTrue(deleted.isEmpty(), "the writer touched it first");
  }
}
