package io.wharf.registry.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.wharf.api.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which image a {@code docker build} step image was built on (child id -> parent id), durable in
 * {@code parents.json} (atomic replace). It lets {@code docker images} hide the intermediate
 * images of a build (untagged images that are some image's parent, as dockerd does without
 * {@code -a}) and {@code docker rmi} delete a removed image's untagged parents with it. Images
 * from pull, load, import and commit have no entry. Thread-safe; writes block.
 */
public final class ImageParents {
  private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

  private final Path file;
  private final TreeMap<String, String> parents;

  private ImageParents(Path file, TreeMap<String, String> parents) {
    this.file = file;
    this.parents = parents;
  }

  /** Loads the index; a missing or unreadable file is empty (only hiding is lost, no data). */
  public static ImageParents open(Path file) {
    TreeMap<String, String> loaded = new TreeMap<>();
    try {
      if (Files.isRegularFile(file)) {
        loaded = Json.MAPPER.readValue(Files.readAllBytes(file), MAP);
      }
    } catch (Exception e) {
      // start empty
    }
    return new ImageParents(file, loaded);
  }

  public synchronized void record(String child, String parent) {
    if (parent == null || parent.isEmpty() || parent.equals(parents.get(child))) {
      return;
    }
    parents.put(child, parent);
    save();
  }

  public synchronized String parentOf(String id) {
    return parents.get(id);
  }

  /** Whether any of {@code existing} images was built on {@code id}. */
  public synchronized boolean hasChild(String id, Collection<String> existing) {
    for (Map.Entry<String, String> e : parents.entrySet()) {
      if (e.getValue().equals(id) && existing.contains(e.getKey())) {
        return true;
      }
    }
    return false;
  }

  /** The ids some image of {@code existing} was built on: every such image in one pass. */
  public synchronized java.util.Set<String> parentsOf(Collection<String> existing) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Map.Entry<String, String> e : parents.entrySet()) {
      if (existing.contains(e.getKey())) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  /** Drops a deleted image's own entry. */
  public synchronized void forget(String id) {
    if (parents.remove(id) != null) {
      save();
    }
  }

  private void save() {
    try {
      DurableFiles.write(file, Json.MAPPER.writeValueAsBytes(parents));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
