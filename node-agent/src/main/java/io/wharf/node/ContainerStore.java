package io.wharf.node;

import io.wharf.api.Json;
import io.wharf.api.WharfException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's containers: an in-memory index over the durable records in {@code containers/<id>/}.
 * {@link #save} writes temp file, fsync, rename, fsync dir, so a crash leaves either the old or the
 * new record, never half of one. Blocking (file I/O): call from worker threads.
 */
public final class ContainerStore {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerStore.class);

  private final NodePaths paths;
  private final Map<String, ContainerRecord> byId = new ConcurrentHashMap<>();

  public ContainerStore(NodePaths paths) {
    this.paths = paths;
  }

  /** Reads every record from disk; directories without a readable record are reported and skipped. */
  public List<ContainerRecord> loadAll() throws IOException {
    Files.createDirectories(paths.containers());
    List<ContainerRecord> loaded = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(paths.containers())) {
      for (Path dir : dirs) {
        Path file = dir.resolve("container.json");
        if (!Files.isRegularFile(file)) {
          loaded.add(null);
          LOG.warn("container dir {} has no record; it was never fully created", dir);
          continue;
        }
        try {
          ContainerRecord r = Json.read(Files.readAllBytes(file), ContainerRecord.class);
          byId.put(r.id(), r);
          loaded.add(r);
        } catch (WharfException | IOException e) {
          LOG.error("cannot read {}: {}", file, e.getMessage());
        }
      }
    }
    loaded.removeIf(r -> r == null);
    return loaded;
  }

  /** Directories under containers/ that have no record: leftovers of a create cut short. */
  public List<String> orphanDirs() throws IOException {
    List<String> orphans = new ArrayList<>();
    if (!Files.isDirectory(paths.containers())) {
      return orphans;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(paths.containers())) {
      for (Path dir : dirs) {
        if (!Files.isRegularFile(dir.resolve("container.json"))) {
          orphans.add(dir.getFileName().toString());
        }
      }
    }
    return orphans;
  }

  public Optional<ContainerRecord> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public ContainerRecord require(String id) {
    ContainerRecord r = byId.get(id);
    if (r == null) {
      throw WharfException.notFound("No such container: " + id);
    }
    return r;
  }

  public Collection<ContainerRecord> all() {
    return byId.values();
  }

  /** Makes the record durable, then visible in the index. */
  public void save(ContainerRecord record) {
    Path file = paths.containerRecord(record.id());
    try {
      Files.createDirectories(file.getParent());
      writeAtomically(file, Json.bytes(record));
    } catch (IOException e) {
      throw WharfException.internal("cannot save container " + record.id() + ": " + e.getMessage(), e);
    }
    byId.put(record.id(), record);
  }

  /** Forgets the record and deletes the container's durable directory. */
  public void delete(String id) {
    byId.remove(id);
    FileTrees.deleteRecursively(paths.containerDir(id));
  }

  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
