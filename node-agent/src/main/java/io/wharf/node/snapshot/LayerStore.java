package io.wharf.node.snapshot;

import io.wharf.api.WharfException;
import io.wharf.node.NodePaths;
import io.wharf.node.nativeio.FileSystemSync;
import io.wharf.node.nativeio.NativeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Unpacked layers, one directory per diffID at {@link NodePaths#layer}, whiteouts in overlay form.
 *
 * <p>Commit steps of {@link #ensure}: unpack into {@code layers/.tmp/<random>}, verify that the
 * computed diffID is the expected one, rename into place atomically. A layer directory therefore
 * exists only when complete. An existing target is success (another thread or process won the race:
 * ours is deleted). Within one JVM, concurrent ensure() calls for the same diffID unpack once.
 *
 * <p>Durability: before the rename the filesystem is flushed once with syncfs(2) (an fsync per file
 * would cost far more), so after a power loss a layer directory is either absent or complete.
 * Every method blocks.
 */
public final class LayerStore {
  private static final Pattern DIFF_ID = Pattern.compile("sha256:[0-9a-f]{64}");

  private final NodePaths paths;
  private final LayerUnpacker unpacker;
  private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();
  private final FileSystemSync sync = new FileSystemSync();

  public LayerStore(NodePaths paths, LayerUnpacker unpacker) {
    this.paths = paths;
    this.unpacker = unpacker;
  }

  /**
   * The directory of layer {@code diffId}, unpacking {@code blob} (plain, gzip or zstd tar) first if
   * needed. {@code blob} is only called when the layer is missing; the stream it returns is closed.
   *
   * @throws WharfException INVALID_ARGUMENT for a malformed diffID, an unsafe layer or a digest
   *     mismatch ("layer sha256:... does not match its diffID"), INTERNAL for disk failures
   */
  public Path ensure(String diffId, Supplier<InputStream> blob) {
    requireDiffId(diffId);
    Path target = paths.layer(diffId);
    synchronized (locks.computeIfAbsent(diffId, k -> new Object())) {
      if (Files.isDirectory(target)) {
        return target;
      }
      Path temp = newTempDir();
      try {
        String actual = unpacker.unpack(blob.get(), temp);
        if (!actual.equals(diffId)) {
          throw WharfException.invalid("layer " + diffId + " does not match its diffID: its content is " + actual);
        }
        sync.syncFilesystemOf(temp.toString());
        commit(temp, target);
        return target;
      } catch (NativeException e) {
        throw WharfException.internal("cannot flush layer " + diffId + " to disk: " + e.getMessage(), e);
      } finally {
        deleteQuietly(temp);
      }
    }
  }

  /** Whether layer {@code diffId} is unpacked here. */
  public boolean has(String diffId) {
    requireDiffId(diffId);
    return Files.isDirectory(paths.layer(diffId));
  }

  /**
   * Deletes layer {@code diffId}; absent is success. The directory is first renamed into the temp
   * area, so the layer vanishes atomically and a crash mid-delete leaves only temp leftovers. The
   * caller guarantees that no container's overlay uses the layer (changing a mounted lower dir is
   * undefined behaviour in overlayfs).
   */
  public void remove(String diffId) {
    requireDiffId(diffId);
    Path target = paths.layer(diffId);
    synchronized (locks.computeIfAbsent(diffId, k -> new Object())) {
      if (!Files.isDirectory(target)) {
        return;
      }
      Path doomed = paths.layerTmp().resolve("rm-" + UUID.randomUUID());
      try {
        Files.createDirectories(paths.layerTmp());
        Files.move(target, doomed, StandardCopyOption.ATOMIC_MOVE);
        TreeRemoval.removeIfPresent(doomed);
      } catch (IOException e) {
        throw WharfException.internal("cannot remove layer " + diffId + ": " + e.getMessage(), e);
      }
    }
  }

  /** Removes unpacks left over by a crash; call once at startup, before any ensure(). */
  public void purgeTemp() {
    Path tmp = paths.layerTmp();
    if (!Files.isDirectory(tmp)) {
      return;
    }
    try (Stream<Path> leftovers = Files.list(tmp)) {
      for (Path p : (Iterable<Path>) leftovers::iterator) {
        TreeRemoval.removeIfPresent(p);
      }
    } catch (IOException e) {
      throw WharfException.internal("cannot purge unfinished layers in " + tmp + ": " + e.getMessage(), e);
    }
  }

  /** Atomic rename; a target that appeared meanwhile (complete by construction) wins. */
  private static void commit(Path temp, Path target) {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      // another unpacker committed the same layer first: ours is deleted by the caller
    } catch (IOException e) {
      throw WharfException.internal("cannot commit layer " + target + ": " + e.getMessage(), e);
    }
  }

  private Path newTempDir() {
    try {
      Files.createDirectories(paths.layerTmp());
      return Files.createDirectory(paths.layerTmp().resolve(UUID.randomUUID().toString()));
    } catch (IOException e) {
      throw WharfException.internal("cannot create a temp dir in " + paths.layerTmp() + ": " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      TreeRemoval.removeIfPresent(p);
    } catch (IOException e) {
      // left for purgeTemp at the next start
    }
  }

  private static void requireDiffId(String diffId) {
    if (diffId == null || !DIFF_ID.matcher(diffId).matches()) {
      throw WharfException.invalid("invalid layer diffID \"" + diffId + "\": expected sha256:<64 hex digits>");
    }
  }
}
