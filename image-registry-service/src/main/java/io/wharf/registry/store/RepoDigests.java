package io.wharf.registry.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.wharf.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's RepoDigests: for each image id, the {@code repository@sha256:...} names under which a
 * registry served (pull) or accepted (push) its manifest. Kept in {@code registry/repodigests.json},
 * read on each call (small) and replaced atomically and durably; callers that add hold the store lock.
 */
public final class RepoDigests {
  private static final TypeReference<LinkedHashMap<String, List<String>>> TYPE = new TypeReference<>() {};

  private final Path file;

  public RepoDigests(RegistryPaths paths) {
    this.file = paths.root().resolve("repodigests.json");
  }

  /** Every image's names in one read (for listings, which would otherwise read the file per image). */
  public Map<String, List<String>> all() {
    return read();
  }

  /** The names recorded for {@code imageId}, oldest first; empty when none. */
  public List<String> of(String imageId) {
    return read().getOrDefault(imageId, List.of());
  }

  /**
   * Records {@code repository@digest} for {@code imageId}; a newer digest of the same repository
   * replaces the older one (Docker keeps one per repository after a re-pull).
   */
  public void add(String imageId, String repository, String digest) {
    add(imageId, repository, digest, false);
  }

  /** @param fresh the image was just (re)created: names recorded for an earlier, deleted copy are dropped */
  public void add(String imageId, String repository, String digest, boolean fresh) {
    Map<String, List<String>> all = read();
    List<String> names = new ArrayList<>(fresh ? List.of() : all.getOrDefault(imageId, List.of()));
    names.removeIf(n -> n.startsWith(repository + "@"));
    names.add(repository + "@" + digest);
    all.put(imageId, names);
    try {
      DurableFiles.write(file, Json.MAPPER.writeValueAsBytes(all));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Forgets the {@code repository@digest} names of {@code imageId} in {@code repository} (Docker drops
   * them when the last tag of that repository goes); returns the names removed.
   */
  public List<String> removeRepository(String imageId, String repository) {
    Map<String, List<String>> all = read();
    List<String> names = new ArrayList<>(all.getOrDefault(imageId, List.of()));
    List<String> removed = names.stream().filter(n -> n.startsWith(repository + "@")).toList();
    if (!removed.isEmpty()) {
      names.removeAll(removed);
      all.put(imageId, names);
      write(all);
    }
    return removed;
  }

  /** Forgets one {@code repository@digest} name of {@code imageId} (docker rmi repo@digest); true when it was there. */
  public boolean remove(String imageId, String name) {
    Map<String, List<String>> all = read();
    List<String> names = new ArrayList<>(all.getOrDefault(imageId, List.of()));
    if (!names.remove(name)) {
      return false;
    }
    all.put(imageId, names);
    write(all);
    return true;
  }

  /** Forgets every name of {@code imageId} (the image is being deleted); returns them. */
  public List<String> removeAll(String imageId) {
    Map<String, List<String>> all = read();
    List<String> removed = all.remove(imageId);
    if (removed == null) {
      return List.of();
    }
    write(all);
    return removed;
  }

  private void write(Map<String, List<String>> all) {
    try {
      DurableFiles.write(file, Json.MAPPER.writeValueAsBytes(all));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private Map<String, List<String>> read() {
    try {
      return Files.exists(file) ? Json.MAPPER.readValue(file.toFile(), TYPE) : new LinkedHashMap<>();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
