package io.wharf.registry.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.WharfException;
import io.wharf.api.image.LayerRef;
import io.wharf.registry.ops.ImageEvents;
import io.wharf.registry.ops.TagWriter;
import io.wharf.registry.reference.ImageReference;
import io.wharf.registry.store.BlobStore;
import io.wharf.registry.store.DurableFiles;
import io.wharf.registry.store.ImageRecord;
import io.wharf.registry.store.ImageStore;
import io.wharf.registry.store.StagedBlob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code docker load}: reads a docker-save or OCI-layout tar and stores its images.
 * <ol>
 *   <li>spool: every tar member to a staged temp file, hashed (one streaming pass);</li>
 *   <li>prepare: find the images (manifest.json, else index.json), decompress layers, check each
 *       layer's diffID against the config's rootfs.diff_ids, parse the names;</li>
 *   <li>commit, under the store lock: blobs into place, image records, tags.</li>
 * </ol>
 * Any failure before commit leaves no image, tag or blob behind (the staging dir is deleted).
 * Blocking.
 */
public final class ArchiveLoader {
  private final ImageStore store;
  private final TagWriter tags;
  private final ImageEvents events;

  public ArchiveLoader(ImageStore store, TagWriter tags, ImageEvents events) {
    this.store = store;
    this.tags = tags;
    this.events = events;
  }

  /** The lines Docker prints for a load ("Loaded image: busybox:latest\n", ...) and the ids stored. */
  public record LoadResult(List<String> messages, List<String> imageIds) {}

  private record PreparedImage(StagedBlob config, List<StagedBlob> layerBlobs, List<LayerRef> layers,
      byte[] manifest, String manifestMediaType, List<ImageReference> names) {}

  public LoadResult load(InputStream tar) {
    Path staging = store.paths().tmp().resolve("load-" + UUID.randomUUID());
    try {
      ArchiveSpool spool = ArchiveSpool.read(tar, store.blobs(), staging);
      List<PreparedImage> prepared = new ArrayList<>();
      for (ImageCandidate c : candidates(spool)) {
        prepared.add(prepare(spool, c, staging));
      }
      return store.withLock(() -> commitAll(prepared));
    } finally {
      DurableFiles.deleteTree(staging);
    }
  }

  private static List<ImageCandidate> candidates(ArchiveSpool spool) {
    if (spool.has(DockerSaveLayout.MANIFEST)) {
      return DockerSaveLayout.candidates(spool, OciLayout.manifestsByConfig(spool));
    }
    if (OciLayout.present(spool)) {
      return OciLayout.candidates(spool);
    }
    throw WharfException.invalid("invalid archive: neither manifest.json nor index.json found in the tar");
  }

  private PreparedImage prepare(ArchiveSpool spool, ImageCandidate c, Path staging) {
    StagedBlob config = spool.get(c.configMember());
    JsonNode cfg = JsonTrees.parse(spool.bytes(c.configMember()), c.configMember());
    List<String> diffIds = JsonTrees.texts(cfg.path("rootfs").get("diff_ids"));
    if (!cfg.isObject() || diffIds.size() != c.layerMembers().size()) {
      throw WharfException.invalid("invalid manifest, layers length mismatch: expected "
          + diffIds.size() + ", got " + c.layerMembers().size());
    }
    List<StagedBlob> blobs = new ArrayList<>();
    List<LayerRef> layers = new ArrayList<>();
    for (int i = 0; i < diffIds.size(); i++) {
      StagedBlob layer = uncompressed(spool.get(c.layerMembers().get(i)), staging);
      if (!layer.digest().equals(diffIds.get(i))) {
        throw WharfException.invalid("invalid diffID for layer " + i + ": expected \"" + diffIds.get(i)
            + "\", got \"" + layer.digest() + "\"");
      }
      blobs.add(layer);
      layers.add(new LayerRef(layer.digest(), layer.digest(), layer.size(), MediaTypes.OCI_LAYER));
    }
    byte[] manifest = reusableManifest(spool, c.manifestMember(), config.digest(), layers);
    String mediaType = MediaTypes.OCI_MANIFEST;
    if (manifest == null) {
      manifest = ManifestBuilder.ociManifest(config.digest(), config.size(), layers);
    } else {
      mediaType = JsonTrees.parse(manifest, "manifest").path("mediaType").asText(MediaTypes.OCI_MANIFEST);
    }
    List<ImageReference> names = new ArrayList<>();
    for (String t : c.repoTags()) {
      ImageReference ref = ImageReference.parse(t).withDefaultTag();
      if (ref.tag() != null) {
        names.add(ref);
      }
    }
    return new PreparedImage(config, blobs, layers, manifest, mediaType, names);
  }

  /** The archive's own manifest bytes when they describe exactly the stored config and layers. */
  private static byte[] reusableManifest(ArchiveSpool spool, String member, String configDigest,
      List<LayerRef> layers) {
    if (member == null) {
      return null;
    }
    byte[] bytes = spool.bytes(member);
    JsonNode m = JsonTrees.parse(bytes, member);
    if (!configDigest.equals(m.path("config").path("digest").asText())) {
      return null;
    }
    List<String> digests = new ArrayList<>();
    m.path("layers").forEach(l -> digests.add(l.path("digest").asText()));
    return digests.equals(layers.stream().map(LayerRef::digest).toList()) ? bytes : null;
  }

  private StagedBlob uncompressed(StagedBlob raw, Path staging) {
    try {
      boolean compressed;
      try (InputStream in = Files.newInputStream(raw.file())) {
        compressed = Decompression.isCompressed(in);
      }
      if (!compressed) {
        return raw;
      }
      try (InputStream in = Decompression.uncompressed(Files.newInputStream(raw.file()))) {
        return store.blobs().stage(in, staging);
      }
    } catch (IOException e) {
      throw WharfException.invalid("cannot decompress layer: " + e.getMessage());
    }
  }

  private LoadResult commitAll(List<PreparedImage> prepared) {
    List<String> messages = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (PreparedImage p : prepared) {
      String id = commit(p);
      ids.add(id);
      if (p.names().isEmpty()) {
        messages.add("Loaded image ID: " + id + "\n");
      }
      for (ImageReference name : p.names()) {
        String moved = tags.tag(name, id);
        if (moved != null) {
          messages.add("The image " + name.familiarString() + " already exists, renaming the old one with ID "
              + moved + " to empty string\n");
        }
        messages.add("Loaded image: " + name.familiarString() + "\n");
      }
      events.publish("load", id, id);
    }
    return new LoadResult(messages, ids);
  }

  private String commit(PreparedImage p) {
    BlobStore blobs = store.blobs();
    try {
      commitIfAbsent(blobs, p.config());
      for (StagedBlob layer : p.layerBlobs()) {
        commitIfAbsent(blobs, layer);
      }
      var manifest = blobs.put(p.manifest());
      String id = p.config().digest();
      store.putImage(new ImageRecord(id, p.config().size(), manifest.digest(), manifest.size(),
          p.manifestMediaType(), p.layers(), 0));
      return id;
    } catch (IOException e) {
      throw WharfException.internal("cannot store image: " + e.getMessage(), e);
    }
  }

  private static void commitIfAbsent(BlobStore blobs, StagedBlob staged) throws IOException {
    if (!blobs.has(staged.digest())) {
      blobs.commit(staged, staged.digest());
    }
  }
}
