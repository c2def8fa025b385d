package io.wharf.registry.storage;

import java.util.List;

/**
 * Small metadata entries (links, tags, referrer descriptors) under "/"-separated keys such as
 * {@code repositories/app/_tags/1}. Keys come from {@code RegistryPaths}; a key names either an
 * entry (bytes) or, implicitly, a directory of entries below it.
 *
 * <p>Contract, shared by every driver and checked by one contract test suite:
 * <ul>
 *   <li>{@link #put} replaces an entry atomically and durably: a reader sees the old bytes or the
 *       new, never a mix; after return the entry survives a crash (file system driver).</li>
 *   <li>{@link #putRelaxed} is atomic too but may be lost by a power failure.</li>
 *   <li>{@link #get} of a missing entry returns null; of a directory returns null.</li>
 *   <li>{@link #list} returns the names of the direct children of a directory (entries and
 *       sub-directories), sorted; a missing directory lists empty.</li>
 *   <li>{@link #delete} removes an entry or a whole directory; missing is fine.</li>
 *   <li>Thread-safe. Blocking (file I/O): call from a worker thread.</li>
 * </ul>
 */
public interface StorageDriver {
  byte[] get(String key);

  void put(String key, byte[] value);

  /**
   * Like {@link #put} (atomic, survives a process crash) but without the durability against power
   * loss, for entries that are cheap to lose. Drivers without a cheaper path just put.
   */
  default void putRelaxed(String key, byte[] value) {
    put(key, value);
  }

  boolean exists(String key);

  List<String> list(String directoryKey);

  /** True when something was removed. */
  boolean delete(String key);

  /** Last modification time in epoch milliseconds; -1 when absent. */
  long modifiedMillis(String key);

  /** Rejects keys that could leave the driver's root ("..", empty or absolute segments). */
  static String checkKey(String key) {
    if (key == null || key.isEmpty() || key.startsWith("/") || key.endsWith("/")) {
      throw new IllegalArgumentException("invalid storage key \"" + key + "\"");
    }
    for (String part : key.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException("invalid storage key \"" + key + "\"");
      }
    }
    return key;
  }
}
