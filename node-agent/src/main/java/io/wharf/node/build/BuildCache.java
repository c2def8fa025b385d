package io.wharf.node.build;

import com.fasterxml.jackson.core.type.TypeReference;
import io.wharf.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The classic builder's step cache: key -> the image id the step produced. A key is the sha256 of
 * the parent image id and the step's history text, which already holds everything the step's
 * result depends on (the expanded instruction, the COPY/ADD sources checksum, the build args a RUN
 * sees). Durable in one JSON file (temp file, fsync, atomic rename), so it survives a daemon
 * restart; entries whose image was deleted are dropped by the caller ({@link #forget}) when the
 * image is gone. Thread-safe. Blocking.
 */
public final class BuildCache {
  private final Path file;
  private final Map<String, String> entries;

  private BuildCache(Path file, Map<String, String> entries) {
    this.file = file;
    this.entries = entries;
  }

  /** Loads {@code file}; a missing or unreadable file is an empty cache (it only costs rebuilds). */
  public static BuildCache open(Path file) {
    Map<String, String> loaded = new LinkedHashMap<>();
    try {
      if (Files.isRegularFile(file)) {
        loaded.putAll(Json.MAPPER.readValue(Files.readAllBytes(file), new TypeReference<Map<String, String>>() { }));
      }
    } catch (IOException | RuntimeException e) {
      // a torn or foreign file: start empty, the next store rewrites it
    }
    return new BuildCache(file, loaded);
  }

  /** The cache key of a step on {@code parentId} ("" for scratch) recorded as {@code createdBy}. */
  public static String key(String parentId, String createdBy) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((parentId == null ? "" : parentId).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(createdBy.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public synchronized Optional<String> lookup(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  public synchronized void store(String key, String imageId) {
    if (imageId.equals(entries.put(key, imageId))) {
      return;
    }
    save();
  }

  /** Drops the entry (its image no longer exists). */
  public synchronized void forget(String key) {
    if (entries.remove(key) != null) {
      save();
    }
  }

  public synchronized int size() {
    return entries.size();
  }

  private void save() {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(entries)));
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
        dir.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the build cache " + file, e);
    }
  }
}
