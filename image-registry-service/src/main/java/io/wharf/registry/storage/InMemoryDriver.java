package io.wharf.registry.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Entries in a sorted concurrent map: for tests and for a registry that needs no durability.
 * Directories exist implicitly while an entry lies below them.
 */
public final class InMemoryDriver implements StorageDriver {
  private record Entry(byte[] value, long modifiedMillis) {}

  private final ConcurrentSkipListMap<String, Entry> entries = new ConcurrentSkipListMap<>();

  @Override
  public byte[] get(String key) {
    Entry e = entries.get(StorageDriver.checkKey(key));
    return e == null ? null : e.value().clone();
  }

  @Override
  public void put(String key, byte[] value) {
    StorageDriver.checkKey(key);
    if (!below(key).isEmpty()) {
      throw new IllegalArgumentException("storage key \"" + key + "\" is a directory");
    }
    entries.put(key, new Entry(value.clone(), System.currentTimeMillis()));
  }

  @Override
  public boolean exists(String key) {
    return entries.containsKey(StorageDriver.checkKey(key)) || !below(key).isEmpty();
  }

  @Override
  public List<String> list(String directoryKey) {
    String prefix = StorageDriver.checkKey(directoryKey) + "/";
    TreeSet<String> names = new TreeSet<>();
    for (String k : below(directoryKey).keySet()) {
      String rest = k.substring(prefix.length());
      int slash = rest.indexOf('/');
      names.add(slash < 0 ? rest : rest.substring(0, slash));
    }
    return new ArrayList<>(names);
  }

  @Override
  public boolean delete(String key) {
    boolean removed = entries.remove(StorageDriver.checkKey(key)) != null;
    Map<String, Entry> children = below(key);
    removed |= !children.isEmpty();
    children.keySet().forEach(entries::remove);
    return removed;
  }

  @Override
  public long modifiedMillis(String key) {
    Entry e = entries.get(StorageDriver.checkKey(key));
    if (e != null) {
      return e.modifiedMillis();
    }
    return below(key).values().stream().mapToLong(Entry::modifiedMillis).max().orElse(-1);
  }

  /** Entries strictly below directory {@code key} ("/" sorts before "0", so this is a range). */
  private Map<String, Entry> below(String key) {
    return entries.subMap(key + "/", true, key + "0", false);
  }
}
