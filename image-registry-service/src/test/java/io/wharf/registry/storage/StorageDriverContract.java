package io.wharf.registry.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The one contract every {@link StorageDriver} passes (see its Javadoc). */
abstract class StorageDriverContract {
  abstract StorageDriver driver();

  @Test
  void putGetReplace() {
    StorageDriver d = driver();
    assertNull(d.get("a/b"));
    d.put("a/b", new byte[] {1, 2});
    assertArrayEquals(new byte[] {1, 2}, d.get("a/b"));
    d.put("a/b", new byte[] {3});
    assertArrayEquals(new byte[] {3}, d.get("a/b"));
    d.put("a/empty", new byte[0]);
    assertArrayEquals(new byte[0], d.get("a/empty"));
    assertNull(d.get("a"), "a directory has no bytes");
  }

  @Test
  void relaxedPutIsAPutToReaders() {
    StorageDriver d = driver();
    d.putRelaxed("l/x", new byte[] {7});
    assertArrayEquals(new byte[] {7}, d.get("l/x"));
    d.putRelaxed("l/x", new byte[0]);
    assertArrayEquals(new byte[0], d.get("l/x"));
    assertEquals(List.of("x"), d.list("l"));
  }

  @Test
  void listIsSortedDirectChildren() {
    StorageDriver d = driver();
    assertEquals(List.of(), d.list("nothing/here"));
    d.put("r/x/_tags/b", new byte[0]);
    d.put("r/x/_tags/a", new byte[0]);
    d.put("r/x/sub/_tags/c", new byte[0]);
    d.put("r/xy", new byte[0]);
    assertEquals(List.of("_tags", "sub"), d.list("r/x"));
    assertEquals(List.of("a", "b"), d.list("r/x/_tags"));
    assertEquals(List.of("x", "xy"), d.list("r"));
  }

  @Test
  void deleteEntriesAndTrees() {
    StorageDriver d = driver();
    d.put("t/a/1", new byte[0]);
    d.put("t/a/2", new byte[0]);
    d.put("t/ab", new byte[0]);
    assertTrue(d.exists("t/a"));
    assertTrue(d.delete("t/a/1"));
    assertFalse(d.delete("t/a/1"));
    assertTrue(d.delete("t/a"));
    assertFalse(d.exists("t/a/2"));
    assertTrue(d.exists("t/ab"), "a sibling with a common prefix stays");
    assertFalse(d.delete("t/never"));
  }

  @Test
  void modifiedTime() {
    StorageDriver d = driver();
    assertEquals(-1, d.modifiedMillis("m/x"));
    long before = System.currentTimeMillis() - 5_000;
    d.put("m/x", new byte[] {1});
    assertTrue(d.modifiedMillis("m/x") >= before);
  }

  @Test
  void rejectsKeysLeavingTheRoot() {
    StorageDriver d = driver();
    for (String bad : new String[] {"../x", "a/../../x", "/abs", "a//b", "a/", "", "a/./b"}) {
      assertThrows(IllegalArgumentException.class, () -> d.put(bad, new byte[0]), bad);
      assertThrows(IllegalArgumentException.class, () -> d.get(bad), bad);
    }
  }

  @Test
  void concurrentPutsNeverTear() throws Exception {
    StorageDriver d = driver();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        byte fill = (byte) i;
        fs.add(pool.submit(() -> {
          for (int n = 0; n < 50; n++) {
            byte[] v = new byte[4096];
            java.util.Arrays.fill(v, fill);
            d.put("c/key", v);
            byte[] got = d.get("c/key");
            for (byte b : got) {
              assertEquals(got[0], b, "a torn value");
            }
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
