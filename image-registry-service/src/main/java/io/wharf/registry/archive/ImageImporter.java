package io.wharf.registry.archive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.image.LayerRef;
import io.wharf.registry.ops.ImageEvents;
import io.wharf.registry.ops.TagWriter;
import io.wharf.registry.reference.ImageReference;
import io.wharf.registry.store.BlobStore;
import io.wharf.registry.store.Descriptor;
import io.wharf.registry.store.DurableFiles;
import io.wharf.registry.store.ImageRecord;
import io.wharf.registry.store.ImageStore;
import io.wharf.registry.store.StagedBlob;
import io.wharf.registry.time.Rfc3339;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * {@code docker import}: a root filesystem tar (plain, gzip, bzip2, xz or zstd) becomes a one-layer
 * image. The layer is stored uncompressed (its digest is its diffID); the config is generated once
 * and its exact bytes give the image id. Blocking.
 */
public final class ImageImporter {
  private final ImageStore store;
  private final TagWriter tags;
  private final ImageEvents events;
  private final Clock clock;

  public ImageImporter(ImageStore store, TagWriter tags, ImageEvents events, Clock clock) {
    this.store = store;
    this.tags = tags;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Imports {@code body}.
   *
   * @param repo null/empty for an untagged image, else a name that may carry the tag ("imported:1")
   * @param tag a separate tag, or null/empty
   * @param changes Dockerfile lines, see {@link ImportChanges}
   * @param message the history comment; null/empty = "Imported from -"
   * @return the new image id
   */
  public String importTar(InputStream body, String repo, String tag, List<String> changes, String message) {
    ImageReference name = targetName(repo, tag);
    ImportChanges config = ImportChanges.parse(changes);
    Path staging = store.paths().tmp().resolve("import-" + UUID.randomUUID());
    try {
      StagedBlob layer = stageLayer(body, staging);
      String comment = message == null || message.isEmpty() ? "Imported from -" : message;
      byte[] configBytes = configJson(config, layer.digest(), comment, Rfc3339.format(clock.instant()));
      String id = store.withLock(() -> commit(layer, configBytes));
      events.publish("import", id, id);
      if (name != null) {
        tags.tag(name, id);
      }
      return id;
    } finally {
      DurableFiles.deleteTree(staging);
    }
  }

  static ImageReference targetName(String repo, String tag) {
    if (repo == null || repo.isEmpty()) {
      return null;
    }
    return tag == null || tag.isEmpty() ? ImageReference.parse(repo).withDefaultTag()
        : ImageReference.tagTarget(repo, tag);
  }

  private StagedBlob stageLayer(InputStream body, Path staging) {
    StagedBlob layer;
    try (InputStream in = Decompression.uncompressed(body)) {
      layer = store.blobs().stage(in, staging);
    } catch (IOException e) {
      throw WharfException.invalid("cannot read the import body: " + e.getMessage());
    }
    requireTar(layer.file());
    return layer;
  }

  /** The body must be a readable tar to its end (Docker refuses anything else). */
  private static void requireTar(Path file) {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(file))) {
      while (tar.getNextEntry() != null) {
        tar.transferTo(OutputStream.nullOutputStream());
      }
    } catch (IOException | IllegalArgumentException e) {
      throw WharfException.invalid("invalid tar archive: " + e.getMessage());
    }
  }

  static byte[] configJson(ImportChanges changes, String diffId, String comment, String created) {
    ObjectNode c = Json.MAPPER.createObjectNode();
    c.put("architecture", "amd64");
    c.put("comment", comment);
    c.set("config", changes.toContainerConfig());
    c.put("created", created);
    ArrayNode history = c.putArray("history");
    history.addObject().put("created", created).put("created_by", "").put("comment", comment);
    c.put("os", "linux");
    ObjectNode rootfs = c.putObject("rootfs");
    rootfs.put("type", "layers");
    rootfs.putArray("diff_ids").add(diffId);
    return Json.bytes(c);
  }

  private String commit(StagedBlob layer, byte[] configBytes) {
    BlobStore blobs = store.blobs();
    try {
      Descriptor l = blobs.has(layer.digest()) ? layer.descriptor() : blobs.commit(layer, null);
      Descriptor config = blobs.put(configBytes);
      List<LayerRef> layers = List.of(new LayerRef(l.digest(), l.digest(), l.size(), MediaTypes.OCI_LAYER));
      byte[] manifestBytes = ManifestBuilder.ociManifest(config.digest(), config.size(), layers);
      Descriptor manifest = blobs.put(manifestBytes);
      store.putImage(new ImageRecord(config.digest(), config.size(), manifest.digest(), manifest.size(),
          MediaTypes.OCI_MANIFEST, layers, 0));
      return config.digest();
    } catch (IOException e) {
      throw WharfException.internal("cannot store imported image: " + e.getMessage(), e);
    }
  }
}
