package io.wharf.registry.distribution;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Makes online garbage collection safe while pushes continue. Writers that make a blob reachable
 * (commit of an upload, mount, manifest put after its blob check) run inside {@link #referencing}
 * and {@link #touch} the digests they rely on. The collector calls {@link #beginCollection} before
 * its mark phase, and deletes each unmarked blob through {@link #sweep}, which holds the write side
 * for that one blob: a writer's check-and-link either completes before (its touch saves the blob)
 * or starts after (and sees the blob gone, answering BLOB_UNKNOWN instead of linking a hole).
 */
public final class BlobGuard {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Set<String> touched = ConcurrentHashMap.newKeySet();
  private volatile boolean collecting;

  public <T> T referencing(Supplier<T> action) {
    lock.readLock().lock();
    try {
      return action.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  public void touch(String digest) {
    if (collecting) {
      touched.add(digest);
    }
  }

  public void beginCollection() {
    touched.clear();
    collecting = true;
  }

  /** Runs {@code delete} unless {@code digest} was touched since {@link #beginCollection}; true when it ran. */
  public boolean sweep(String digest, Runnable delete) {
    lock.writeLock().lock();
    try {
      if (touched.contains(digest)) {
        return false;
      }
      delete.run();
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  public void endCollection() {
    collecting = false;
    touched.clear();
  }
}
