package io.wharf.registry.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The image metadata: image records and the tag index, in memory and durable on disk. Mutations
 * (and any read-check-write sequence done through {@link #withLock}) are serialized by one lock,
 * so concurrent loads, tags and removals never lose an update. Blocking (file I/O): call from a
 * worker thread.
 */
public final class ImageStore {
  private static final TypeReference<TreeMap<String, String>> TAGS = new TypeReference<>() {};

  private final RegistryPaths paths;
  private final BlobStore blobs;
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, ImageRecord> images = new LinkedHashMap<>();
  private final Map<String, JsonNode> configs = new LinkedHashMap<>();
  private TreeMap<String, String> tags = new TreeMap<>();
  private volatile StoreListener listener = StoreListener.NONE;
  private ImageParents parents;

  private ImageStore(RegistryPaths paths, BlobStore blobs) {
    this.paths = paths;
    this.blobs = blobs;
  }

  /** Opens (creating if needed) the store under {@code paths}; empties tmp/ left by a crash. */
  public static ImageStore open(RegistryPaths paths) {
    DurableFiles.deleteTree(paths.tmp());
    BlobStore blobs = new BlobStore(paths);
    ImageStore store = new ImageStore(paths, blobs);
    store.loadFromDisk();
    store.parents = ImageParents.open(paths.root().resolve("parents.json"));
    return store;
  }

  /**
   * Sets the one listener that mirrors tag and image changes into the /v2 face. It runs under the
   * store lock, after the change is durable.
   */
  public void setListener(StoreListener listener) {
    this.listener = listener == null ? StoreListener.NONE : listener;
  }

  /** Every familiar tag and the image it points at (a snapshot). */
  public Map<String, String> allTags() {
    return withLock(() -> new TreeMap<>(tags));
  }

  /** Images whose stored manifest has {@code manifestDigest}. */
  public List<ImageRecord> imagesWithManifest(String manifestDigest) {
    return withLock(() -> images.values().stream().filter(r -> r.manifestDigest().equals(manifestDigest)).toList());
  }

  /** The build parent of each build-step image (see {@link ImageParents}). */
  public ImageParents parents() {
    return parents;
  }

  public BlobStore blobs() {
    return blobs;
  }

  public RegistryPaths paths() {
    return paths;
  }

  /** Runs {@code action} while holding the store lock (re-entrant). */
  public <T> T withLock(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  public List<ImageRecord> images() {
    return withLock(() -> new ArrayList<>(images.values()));
  }

  /** The record of a full image id, or null. */
  public ImageRecord image(String id) {
    return withLock(() -> images.get(id));
  }

  /** The parsed image config of a stored image. */
  public JsonNode config(String id) {
    return withLock(() -> configs.computeIfAbsent(id, this::readConfig));
  }

  /** Familiar "name:tag" strings pointing at {@code id}, sorted. */
  public List<String> tagsOf(String id) {
    return withLock(() -> tags.entrySet().stream().filter(e -> e.getValue().equals(id))
        .map(Map.Entry::getKey).toList());
  }

  /** The image id a familiar "name:tag" points at, or null. */
  public String tagTarget(String familiarTag) {
    return withLock(() -> tags.get(familiarTag));
  }

  /** Adds (or keeps) an image whose blobs are already committed. */
  public void putImage(ImageRecord record) {
    withLock(() -> {
      if (!images.containsKey(record.id())) {
        DurableFiles.write(paths.imageRecord(record.id()), Json.bytes(record));
        images.put(record.id(), record);
      }
      return null;
    });
  }

  /** Points {@code familiarTag} at {@code id}; returns the image it pointed at before, or null. */
  public String setTag(String familiarTag, String id, long nowNanos) {
    return withLock(() -> {
      requireImage(id);
      String previous = tags.put(familiarTag, id);
      writeTags();
      ImageRecord updated = images.get(id).withLastTagTime(nowNanos);
      DurableFiles.write(paths.imageRecord(id), Json.bytes(updated));
      images.put(id, updated);
      listener.tagSet(familiarTag, updated);
      return previous;
    });
  }

  /** Removes a tag; returns the image it pointed at, or null. */
  public String removeTag(String familiarTag) {
    return withLock(() -> {
      String previous = tags.remove(familiarTag);
      if (previous != null) {
        writeTags();
        listener.tagRemoved(familiarTag, previous);
      }
      return previous;
    });
  }

  /**
   * Deletes an image (its tags must already be gone) and every blob that no other image and no
   * /v2 manifest (see {@link StoreListener#blobsInUse}) references. The record goes first, so a
   * crash in between leaves only unreferenced blobs, never a record without its blobs.
   */
  public void deleteImage(String id) {
    withLock(() -> {
      ImageRecord record = requireImage(id);
      DurableFiles.deleteQuietly(paths.imageRecord(id));
      images.remove(id);
      configs.remove(id);
      parents.forget(id);
      listener.imageDeleted(record);
      Set<String> stillUsed = new HashSet<>(listener.blobsInUse());
      images.values().forEach(r -> stillUsed.addAll(r.blobDigests()));
      record.blobDigests().stream().filter(d -> !stillUsed.contains(d)).forEach(blobs::delete);
      return null;
    });
  }

  private ImageRecord requireImage(String id) {
    ImageRecord r = images.get(id);
    if (r == null) {
      throw WharfException.notFound("No such image: " + id);
    }
    return r;
  }

  private JsonNode readConfig(String id) {
    try {
      return Json.MAPPER.readTree(blobs.read(id));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read config of image " + id, e);
    }
  }

  private void writeTags() {
    DurableFiles.write(paths.tagIndex(), Json.bytes(tags));
  }

  private void loadFromDisk() {
    try {
      Files.createDirectories(paths.images());
      try (Stream<Path> files = Files.list(paths.images())) {
        for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
          ImageRecord r = Json.read(Files.readAllBytes(f), ImageRecord.class);
          images.put(r.id(), r);
        }
      }
      if (Files.exists(paths.tagIndex())) {
        TreeMap<String, String> loaded = Json.MAPPER.readValue(Files.readAllBytes(paths.tagIndex()), TAGS);
        loaded.entrySet().removeIf(e -> !images.containsKey(e.getValue()));
        tags = loaded;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the image store at " + paths.root(), e);
    }
  }
}
