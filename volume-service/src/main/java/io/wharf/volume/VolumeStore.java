package io.wharf.volume;

import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.volume.VolumeNames;
import io.wharf.api.volume.VolumeRecord;
import io.wharf.api.volume.VolumeRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The volumes of one node: {@code <root>/<name>/volume.json} (written atomically) and
 * {@code <root>/<name>/_data}. Every method blocks and is synchronized: one store, one writer.
 * The record's {@code usedBy} is the reference count; a volume in use cannot be removed or pruned.
 */
public final class VolumeStore {
  static final Set<String> LOCAL_OPTIONS = Set.of("type", "device", "o", "size");

  private final Path root;
  private final String nodeId;

  public VolumeStore(Path root, String nodeId) {
    this.root = root;
    this.nodeId = nodeId;
  }

  /** Creates a volume, or returns the existing one of that name (Docker's idempotent create). */
  public synchronized Created create(VolumeRequests.Create req, boolean anonymous) {
    String name = req.name() == null || req.name().isEmpty() ? VolumeNames.anonymous() : req.name();
    VolumeNames.require("create", name);
    String driver = req.driver() == null || req.driver().isEmpty() ? "local" : req.driver();
    if (!"local".equals(driver)) {
      throw WharfException.notFound("error looking up volume plugin " + driver + ": plugin \"" + driver
          + "\" not found");
    }
    Map<String, String> opts = req.driverOpts() == null ? Map.of() : req.driverOpts();
    for (String key : opts.keySet()) {
      if (!LOCAL_OPTIONS.contains(key)) {
        throw WharfException.invalid("create " + name + ": invalid option key: \"" + key + "\"");
      }
    }
    Optional<VolumeRecord> existing = find(name);
    if (existing.isPresent()) {
      return new Created(existing.get(), false);
    }
    Path data = root.resolve(name).resolve("_data");
    VolumeRecord v = new VolumeRecord(name, driver, data.toString(), new TreeMap<>(orEmpty(req.labels())),
        new TreeMap<>(opts), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), nodeId, anonymous,
        List.of());
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw WharfException.internal("create " + name + ": " + e.getMessage(), e);
    }
    save(v);
    return new Created(v, true);
  }

  public record Created(VolumeRecord volume, boolean fresh) {}

  public synchronized VolumeRecord get(String name) {
    return find(name).orElseThrow(() -> WharfException.notFound("get " + name + ": no such volume"));
  }

  public synchronized List<VolumeRecord> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.map(d -> find(d.getFileName().toString())).flatMap(Optional::stream)
          .sorted(Comparator.comparing(VolumeRecord::name)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes an unused volume; force only hides "no such volume". */
  public synchronized boolean remove(String name, boolean force) {
    Optional<VolumeRecord> v = find(name);
    if (v.isEmpty()) {
      if (force) {
        return false;
      }
      throw WharfException.notFound("get " + name + ": no such volume");
    }
    if (!v.get().usedBy().isEmpty()) {
      throw WharfException.conflict("remove " + name + ": volume is in use - [" + String.join(" ", v.get().usedBy()) + "]");
    }
    DirectoryTrees.delete(root.resolve(name));
    return true;
  }

  /** Deletes a volume whatever its references (a local copy that lost its name to another node). */
  public synchronized void discard(String name) {
    if (VolumeNames.isValid(name)) {
      DirectoryTrees.delete(root.resolve(name));
    }
  }

  /** Container {@code containerId} uses the volume, which is created when missing. */
  public synchronized Created mount(VolumeRequests.Mount req) {
    Created c = create(new VolumeRequests.Create(req.name(), "local", Map.of(), Map.of()), req.anonymous());
    Set<String> users = new LinkedHashSet<>(c.volume().usedBy());
    users.add(req.containerId());
    VolumeRecord used = c.volume().withUsers(List.copyOf(users));
    save(used);
    return new Created(used, c.fresh());
  }

  /** The container is gone: drops its references; returns the anonymous volumes removed. */
  public synchronized List<String> release(String containerId, boolean removeAnonymous) {
    List<String> removed = new ArrayList<>();
    for (VolumeRecord v : list()) {
      if (!v.usedBy().contains(containerId)) {
        continue;
      }
      List<String> users = v.usedBy().stream().filter(u -> !u.equals(containerId)).toList();
      if (removeAnonymous && v.anonymous() && users.isEmpty()) {
        DirectoryTrees.delete(root.resolve(v.name()));
        removed.add(v.name());
      } else {
        save(v.withUsers(users));
      }
    }
    return removed;
  }

  /** Removes unused volumes (only anonymous ones unless {@code all}) matching the filters. */
  public synchronized VolumeRequests.Pruned prune(boolean all, Map<String, List<String>> filters) {
    List<String> deleted = new ArrayList<>();
    long reclaimed = 0;
    for (VolumeRecord v : list()) {
      if (!v.usedBy().isEmpty() || (!all && !v.anonymous()) || !VolumeFilters.matches(v, filters)) {
        continue;
      }
      reclaimed += size(v);
      DirectoryTrees.delete(root.resolve(v.name()));
      deleted.add(v.name());
    }
    return new VolumeRequests.Pruned(deleted, reclaimed);
  }

  /** Bytes used under the volume's data directory. */
  public long size(VolumeRecord v) {
    return DirectoryTrees.size(Path.of(v.mountpoint()));
  }

  private Optional<VolumeRecord> find(String name) {
    if (!VolumeNames.isValid(name)) {
      return Optional.empty();
    }
    Path meta = root.resolve(name).resolve("volume.json");
    try {
      return Files.exists(meta) ? Optional.of(Json.read(Files.readAllBytes(meta), VolumeRecord.class))
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Writes the metadata to a temporary file and renames it over the old one. */
  private void save(VolumeRecord v) {
    Path dir = root.resolve(v.name());
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve("volume.json.tmp");
      Files.write(tmp, Json.bytes(v));
      Files.move(tmp, dir.resolve("volume.json"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw WharfException.internal("saving volume " + v.name() + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }
}
