package io.wharf.registry.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A read cache in front of another driver for {@link #get}: tags and links are read on every
 * pull but change rarely. Valid because one registry process owns its metadata: every write goes
 * through this object, which drops the affected entries (a directory delete drops everything
 * below it) after the write is durable. Bounded: cleared when it grows past its limit.
 */
public final class CachingDriver implements StorageDriver {
  private static final int LIMIT = 200_000;
  private final StorageDriver inner;
  private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();
  /** Counts writes, so that a read racing with a write does not cache what it read. */
  private final AtomicLong writes = new AtomicLong();

  public CachingDriver(StorageDriver inner) {
    this.inner = inner;
  }

  @Override
  public byte[] get(String key) {
    Optional<byte[]> hit = cache.get(key);
    if (hit == null) {
      long before = writes.get();
      hit = Optional.ofNullable(inner.get(key));
      if (cache.size() > LIMIT) {
        cache.clear();
      }
      cache.put(key, hit);
      if (writes.get() != before) {
        cache.remove(key); // a write raced with this read: the value may be stale, so do not keep it
      }
    }
    return hit.map(byte[]::clone).orElse(null);
  }

  @Override
  public void put(String key, byte[] value) {
    try {
      inner.put(key, value);
    } finally {
      writes.incrementAndGet();
      cache.remove(key);
    }
  }

  @Override
  public void putRelaxed(String key, byte[] value) {
    try {
      inner.putRelaxed(key, value);
    } finally {
      writes.incrementAndGet();
      cache.remove(key);
    }
  }

  @Override
  public boolean exists(String key) {
    Optional<byte[]> hit = cache.get(key);
    return hit != null && hit.isPresent() || inner.exists(key);
  }

  @Override
  public List<String> list(String directoryKey) {
    return inner.list(directoryKey);
  }

  @Override
  public boolean delete(String key) {
    try {
      return inner.delete(key);
    } finally {
      writes.incrementAndGet();
      String prefix = key + "/";
      cache.keySet().removeIf(k -> k.equals(key) || k.startsWith(prefix));
    }
  }

  @Override
  public long modifiedMillis(String key) {
    return inner.modifiedMillis(key);
  }
}
