package io.wharf.registry.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.image.LayerRef;
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
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code docker commit}: the parent image plus one layer (the container's changes as an OCI layer
 * tar, sent by the node) becomes a new image. The parent's layers and history are kept and one
 * history entry is appended; the config is the container's config with the {@code --change} lines
 * applied (see {@link ImportChanges#parseOnto}).
 *
 * <p>Crash safety, in order: the layer is staged in the store's tmp dir (purged at start), blobs are
 * committed by atomic rename, the image record is written last but one and the tag last. A crash
 * leaves at worst unreferenced blobs or a complete untagged image, never a record pointing to a
 * missing blob or a tag pointing to a missing image. Blocking.
 */
public final class ImageCommitter {
  /** What to commit; {@code containerConfig} is Docker's container Config object. */
  public record Request(String parentId, String containerId, JsonNode containerConfig, String repo, String tag,
      String comment, String author, List<String> changes) {}

  private final ImageStore store;
  private final TagWriter tags;
  private final Clock clock;

  public ImageCommitter(ImageStore store, TagWriter tags, Clock clock) {
    this.store = store;
    this.tags = tags;
    this.clock = clock;
  }

  /** Fails fast on bad input (before the layer is read): bad repo/tag, bad changes, unknown parent. */
  public void validate(Request r) {
    ImageImporter.targetName(r.repo(), r.tag());
    ImportChanges.parseOnto(r.containerConfig(), r.changes());
    if (store.image(r.parentId()) == null) {
      throw WharfException.precondition("the image " + r.parentId() + " of container " + r.containerId()
          + " no longer exists");
    }
  }

  /** Stores the image and returns its id ("sha256:..."). */
  public String commit(InputStream layerTar, Request r) {
    validate(r);
    ImageReference name = ImageImporter.targetName(r.repo(), r.tag());
    Path staging = store.paths().tmp().resolve("commit-" + UUID.randomUUID());
    try {
      StagedBlob layer = store.blobs().stage(layerTar, staging);
      String id = store.withLock(() -> storeImage(r, layer));
      if (name != null) {
        tags.tag(name, id);
      }
      return id;
    } catch (IOException e) {
      throw WharfException.internal("cannot read the layer of container " + r.containerId() + ": "
          + e.getMessage(), e);
    } finally {
      DurableFiles.deleteTree(staging);
    }
  }

  private String storeImage(Request r, StagedBlob layer) {
    ImageRecord parent = store.image(r.parentId());
    if (parent == null) {
      throw WharfException.precondition("the image " + r.parentId() + " was removed during the commit");
    }
    byte[] configBytes = configJson(store.config(r.parentId()), r, layer.digest(), Rfc3339.format(clock.instant()));
    BlobStore blobs = store.blobs();
    try {
      Descriptor l = blobs.has(layer.digest()) ? layer.descriptor() : blobs.commit(layer, null);
      Descriptor config = blobs.put(configBytes);
      List<LayerRef> layers = new ArrayList<>(parent.layers());
      layers.add(new LayerRef(l.digest(), l.digest(), l.size(), MediaTypes.OCI_LAYER));
      byte[] manifestBytes = ManifestBuilder.ociManifest(config.digest(), config.size(), layers);
      Descriptor manifest = blobs.put(manifestBytes);
      store.putImage(new ImageRecord(config.digest(), config.size(), manifest.digest(), manifest.size(),
          MediaTypes.OCI_MANIFEST, layers, 0));
      return config.digest();
    } catch (IOException e) {
      throw WharfException.internal("cannot store the committed image: " + e.getMessage(), e);
    }
  }

  /** The parent's config with the new container config, author, comment, one more history entry and diffID. */
  static byte[] configJson(JsonNode parentConfig, Request r, String diffId, String created) {
    ObjectNode c = parentConfig != null && parentConfig.isObject() ? ((ObjectNode) parentConfig).deepCopy()
        : Json.MAPPER.createObjectNode();
    c.put("architecture", c.path("architecture").asText("amd64"));
    c.put("os", c.path("os").asText("linux"));
    if (r.author() != null && !r.author().isEmpty()) {
      c.put("author", r.author());
    } else {
      c.remove("author");
    }
    c.put("comment", r.comment() == null ? "" : r.comment());
    c.set("config", ImportChanges.parseOnto(r.containerConfig(), r.changes()).toContainerConfig());
    c.put("container", r.containerId());
    c.put("created", created);
    ArrayNode history = c.has("history") && c.get("history").isArray() ? (ArrayNode) c.get("history") : c.putArray("history");
    ObjectNode entry = history.addObject().put("created", created);
    if (r.author() != null && !r.author().isEmpty()) {
      entry.put("author", r.author());
    }
    entry.put("created_by", String.join(" ", strings(r.containerConfig(), "Entrypoint", "Cmd")));
    if (r.comment() != null && !r.comment().isEmpty()) {
      entry.put("comment", r.comment());
    }
    ObjectNode rootfs = c.has("rootfs") && c.get("rootfs").isObject() ? (ObjectNode) c.get("rootfs") : c.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.has("diff_ids") && rootfs.get("diff_ids").isArray() ? (ArrayNode) rootfs.get("diff_ids")
        : rootfs.putArray("diff_ids");
    diffIds.add(diffId);
    return Json.bytes(c);
  }

  private static List<String> strings(JsonNode config, String... fields) {
    List<String> out = new ArrayList<>();
    for (String f : fields) {
      if (config != null && config.path(f).isArray()) {
        config.get(f).forEach(n -> out.add(n.asText()));
      }
    }
    return out;
  }
}
