package io.wharf.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes OCI image layouts for skopeo to push ({@code skopeo copy --all oci:DIR:TAG docker://...}):
 * one image of gzip layers, or an index of one image per architecture. Each layer is a tar holding
 * one file, {@code /layer-<arch>-<i>}, whose content is its text; layers differ per architecture.
 */
final class OciLayouts {
  private OciLayouts() {}

  /** A layer's uncompressed tar: one regular file named {@code name} holding {@code content}. */
  static byte[] tar(String name, byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(content.length);
      e.setMode(0644);
      t.putArchiveEntry(e);
      t.write(content);
      t.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  /**
   * One image for linux/{@code arch} with {@code layers} gzip layers, tagged {@code tag}; the
   * {@code salt} goes into every layer so that images of different salts share no blob.
   * @return the manifest descriptor (its layers' digests are read back with {@link #layerDigests})
   */
  static JsonObject image(Path dir, String tag, String arch, int layers, String salt) throws IOException {
    return write(dir, tag, Map.of(arch, layers), false, salt);
  }

  /** An OCI index with one image per entry of {@code layersByArch}, tagged {@code tag}. */
  static void index(Path dir, String tag, Map<String, Integer> layersByArch, String salt) throws IOException {
    write(dir, tag, layersByArch, true, salt);
  }

  /** The layer digests of the image manifest {@code manifestDigest} in the layout. */
  static List<String> layerDigests(Path dir, String manifestDigest) throws IOException {
    JsonObject m = new JsonObject(Files.readString(dir.resolve("blobs/sha256").resolve(manifestDigest.substring(7))));
    List<String> out = new ArrayList<>();
    m.getJsonArray("layers").forEach(l -> out.add(((JsonObject) l).getString("digest")));
    return out;
  }

  private static JsonObject write(Path dir, String tag, Map<String, Integer> layersByArch, boolean asIndex, String salt)
      throws IOException {
    Files.createDirectories(dir.resolve("blobs/sha256"));
    JsonArray manifests = new JsonArray();
    for (var e : layersByArch.entrySet()) {
      manifests.add(manifest(dir, e.getKey(), e.getValue(), salt));
    }
    if (asIndex) {
      byte[] index = new JsonObject().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json")
          .put("manifests", manifests).encode().getBytes(StandardCharsets.UTF_8);
      manifests = new JsonArray().add(new JsonObject().put("mediaType", "application/vnd.oci.image.index.v1+json")
          .put("digest", put(dir, index)).put("size", index.length));
    }
    manifests.getJsonObject(0).put("annotations", new JsonObject().put("org.opencontainers.image.ref.name", tag));
    Files.writeString(dir.resolve("index.json"), new JsonObject().put("schemaVersion", 2).put("manifests", manifests).encode());
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    return manifests.getJsonObject(0);
  }

  /** Writes one image's layers, config and manifest; returns the manifest's descriptor with its platform. */
  private static JsonObject manifest(Path dir, String arch, int layers, String salt) throws IOException {
    JsonArray descriptors = new JsonArray();
    List<String> diffIds = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      String name = "layer-" + arch + "-" + i;
      byte[] tar = tar(name, (name + " " + salt + "\n").getBytes(StandardCharsets.UTF_8));
      diffIds.add(digest(tar));
      byte[] gz = gzip(tar);
      descriptors.add(new JsonObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip")
          .put("digest", put(dir, gz)).put("size", gz.length));
    }
    byte[] config = new JsonObject().put("architecture", arch).put("os", "linux")
        .put("config", new JsonObject().put("Cmd", new JsonArray().add("/bin/sh")))
        .put("rootfs", new JsonObject().put("type", "layers").put("diff_ids", new JsonArray(diffIds)))
        .encode().getBytes(StandardCharsets.UTF_8);
    byte[] manifest = new JsonObject().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json")
        .put("config", new JsonObject().put("mediaType", "application/vnd.oci.image.config.v1+json")
            .put("digest", put(dir, config)).put("size", config.length))
        .put("layers", descriptors).encode().getBytes(StandardCharsets.UTF_8);
    return new JsonObject().put("mediaType", "application/vnd.oci.image.manifest.v1+json")
        .put("digest", put(dir, manifest)).put("size", manifest.length)
        .put("platform", new JsonObject().put("architecture", arch).put("os", "linux"));
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static String put(Path dir, byte[] blob) throws IOException {
    String digest = digest(blob);
    Files.write(dir.resolve("blobs/sha256").resolve(digest.substring(7)), blob);
    return digest;
  }

  static String digest(byte[] data) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
