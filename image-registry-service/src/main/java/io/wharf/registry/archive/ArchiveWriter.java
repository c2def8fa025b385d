package io.wharf.registry.archive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wharf.api.Json;
import io.wharf.api.WharfException;
import io.wharf.registry.reference.ImageReference;
import io.wharf.registry.store.Digests;
import io.wharf.registry.store.ImageRecord;
import io.wharf.registry.store.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code docker save}: writes one tar in the Docker 25+ layout, which both {@code docker load}
 * (old and new) and OCI tools read: blobs/sha256/&lt;hex&gt; for layers, configs and manifests,
 * index.json + oci-layout (OCI image layout, names in annotations), manifest.json + repositories
 * (docker-save). Streams blob files straight from the store. Blocking.
 */
public final class ArchiveWriter {
  private final ImageStore store;

  public ArchiveWriter(ImageStore store) {
    this.store = store;
  }

  /** Writes the archive of {@code plan} to {@code out} (not closed). */
  public void write(SavePlan plan, OutputStream out) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    directory(tar, "blobs/");
    directory(tar, "blobs/sha256/");
    ArrayNode index = Json.MAPPER.createArrayNode();
    ArrayNode manifest = Json.MAPPER.createArrayNode();
    ObjectNode repositories = Json.MAPPER.createObjectNode();
    Set<String> written = new HashSet<>();
    for (Map.Entry<String, List<ImageReference>> e : plan.images().entrySet()) {
      ImageRecord image = store.image(e.getKey());
      if (image == null) {
        throw WharfException.notFound("No such image: " + e.getKey());
      }
      for (String digest : image.blobDigests()) {
        if (written.add(digest)) {
          blob(tar, digest);
        }
      }
      describe(image, e.getValue(), index, manifest, repositories);
    }
    ObjectNode indexDoc = Json.MAPPER.createObjectNode();
    indexDoc.put("schemaVersion", 2);
    indexDoc.put("mediaType", MediaTypes.OCI_INDEX);
    indexDoc.set("manifests", index);
    file(tar, "index.json", Json.bytes(indexDoc));
    file(tar, "manifest.json", Json.bytes(manifest));
    file(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes());
    file(tar, "repositories", Json.bytes(repositories));
    tar.finish();
    tar.flush();
  }

  private static void describe(ImageRecord image, List<ImageReference> tags, ArrayNode index,
      ArrayNode manifest, ObjectNode repositories) {
    ObjectNode entry = manifest.addObject();
    entry.put("Config", member(image.id()));
    ArrayNode repoTags = entry.putArray("RepoTags");
    ArrayNode layers = entry.putArray("Layers");
    image.layers().forEach(l -> layers.add(member(l.digest())));
    String top = image.layers().isEmpty() ? ""
        : Digests.hex(image.layers().get(image.layers().size() - 1).digest());
    for (ImageReference ref : tags) {
      repoTags.add(ref.familiarString());
      ObjectNode d = descriptor(image, index);
      d.putObject("annotations")
          .put("io.containerd.image.name", ref.canonicalString())
          .put("org.opencontainers.image.ref.name", ref.tag());
      ObjectNode repo = repositories.has(ref.familiarName()) ? (ObjectNode) repositories.get(ref.familiarName())
          : repositories.putObject(ref.familiarName());
      repo.put(ref.tag(), top);
    }
    if (tags.isEmpty()) {
      descriptor(image, index);
    }
  }

  private static ObjectNode descriptor(ImageRecord image, ArrayNode index) {
    ObjectNode d = index.addObject();
    d.put("mediaType", image.manifestMediaType());
    d.put("digest", image.manifestDigest());
    d.put("size", image.manifestSize());
    return d;
  }

  static String member(String digest) {
    return "blobs/sha256/" + Digests.hex(digest);
  }

  private void blob(TarArchiveOutputStream tar, String digest) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(member(digest));
    e.setSize(store.blobs().size(digest));
    e.setMode(0100644);
    e.setModTime(0);
    tar.putArchiveEntry(e);
    try (InputStream in = store.blobs().open(digest)) {
      in.transferTo(tar);
    }
    tar.closeArchiveEntry();
  }

  private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(040755);
    e.setModTime(0);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(bytes.length);
    e.setMode(0100644);
    e.setModTime(0);
    tar.putArchiveEntry(e);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }
}
