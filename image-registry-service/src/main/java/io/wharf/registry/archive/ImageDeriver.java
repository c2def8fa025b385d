package io.wharf.registry.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.api.image.LayerRef;
import io.wharf.registry.store.BlobStore;
import io.wharf.registry.store.Descriptor;
import io.wharf.registry.store.DurableFiles;
import io.wharf.registry.store.ImageRecord;
import io.wharf.registry.store.ImageStore;
import io.wharf.registry.store.StagedBlob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One step of {@code docker build}: a parent image (or none, for {@code FROM scratch}) plus at most
 * one layer becomes a new untagged image whose config the builder wrote in full (history entry
 * included). With a layer, its digest (the tar is uncompressed, so digest == diffID) is appended to
 * the config's {@code rootfs.diff_ids}; without one the config must list exactly the parent's
 * diffIDs (a metadata step). The image id is the sha256 of the stored config bytes, so the same
 * input always yields the same id.
 *
 * <p>Crash safety as in {@link ImageCommitter}: stage, commit blobs, write the record last. Blocking.
 */
public final class ImageDeriver {
  /**
   * @param parentId "sha256:..." or null/empty for scratch
   * @param config the full image config (architecture, os, config, history, rootfs...)
   * @param withLayer whether the request body is a layer tar
   */
  public record Request(String parentId, JsonNode config, boolean withLayer) {}

  private final ImageStore store;

  public ImageDeriver(ImageStore store) {
    this.store = store;
  }

  /** Fails fast on bad input (before the layer is read). */
  public void validate(Request r) {
    if (r.config() == null || !r.config().isObject()) {
      throw WharfException.invalid("the image config of a build step must be a JSON object");
    }
    if (!isScratch(r.parentId()) && store.image(r.parentId()) == null) {
      throw WharfException.notFound("No such image: " + r.parentId());
    }
  }

  /** Stores the image and returns its id ("sha256:..."). */
  public String derive(InputStream layerTar, Request r) {
    validate(r);
    Path staging = store.paths().tmp().resolve("derive-" + UUID.randomUUID());
    try {
      StagedBlob layer = r.withLayer() ? store.blobs().stage(layerTar, staging) : null;
      return store.withLock(() -> storeImage(r, layer));
    } catch (IOException e) {
      throw WharfException.internal("cannot read the layer of a build step: " + e.getMessage(), e);
    } finally {
      DurableFiles.deleteTree(staging);
    }
  }

  private String storeImage(Request r, StagedBlob layer) {
    List<LayerRef> layers = new ArrayList<>();
    if (!isScratch(r.parentId())) {
      ImageRecord parent = store.image(r.parentId());
      if (parent == null) {
        throw WharfException.precondition("the image " + r.parentId() + " was removed during the build");
      }
      layers.addAll(parent.layers());
    }
    BlobStore blobs = store.blobs();
    try {
      ObjectNode config = ((ObjectNode) r.config()).deepCopy();
      if (layer != null) {
        Descriptor l = blobs.has(layer.digest()) ? layer.descriptor() : blobs.commit(layer, null);
        layers.add(new LayerRef(l.digest(), l.digest(), l.size(), MediaTypes.OCI_LAYER));
      }
      setDiffIds(config, layers);
      Descriptor configBlob = blobs.put(Json.bytes(config));
      byte[] manifestBytes = ManifestBuilder.ociManifest(configBlob.digest(), configBlob.size(), layers);
      Descriptor manifest = blobs.put(manifestBytes);
      if (store.image(configBlob.digest()) == null) {
        store.putImage(new ImageRecord(configBlob.digest(), configBlob.size(), manifest.digest(), manifest.size(),
            MediaTypes.OCI_MANIFEST, layers, 0));
      }
      store.parents().record(configBlob.digest(), r.parentId());
      return configBlob.digest();
    } catch (IOException e) {
      throw WharfException.internal("cannot store the image of a build step: " + e.getMessage(), e);
    }
  }

  /** rootfs.diff_ids is always what the layers say: the builder cannot get it out of step. */
  private static void setDiffIds(ObjectNode config, List<LayerRef> layers) {
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    layers.forEach(l -> ids.add(l.diffId()));
  }

  private static boolean isScratch(String parentId) {
    return parentId == null || parentId.isEmpty();
  }
}
