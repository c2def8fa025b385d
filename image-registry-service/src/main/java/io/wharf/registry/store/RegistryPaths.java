package io.wharf.registry.store;

import java.nio.file.Path;

/**
 * Every path the image-registry-service uses, computed in one place.
 *
 * <pre>
 * dataRoot/registry/
 *   blobs/sha256/&lt;hex&gt;     content-addressed blobs: layers (uncompressed tars), image configs
 *                           (the exact bytes whose sha256 is the image id) and OCI manifests
 *   tmp/                    writes in progress (blob staging, spooled request bodies, load
 *                           staging dirs); nothing in it is referenced; emptied at start
 *   images/&lt;hex&gt;.json      one {@link ImageRecord} per image id (hex of the config digest)
 *   tags.json               the tag index: familiar "name:tag" -&gt; "sha256:&lt;image id&gt;"
 *   token-key.pem           the token service's ES256 key pair (made at the first start, mode 0600)
 *   uploads/&lt;uuid&gt;/          one /v2 blob upload session (survives a restart; purged when stale)
 *     state.json            {@code UploadState}: repository, start time
 *     data                  the bytes received so far (offset = its size)
 *   repositories/           /v2 metadata, reached through a StorageDriver under the keys below
 *     &lt;name&gt;/                repository name, components as directories ("library/busybox")
 *       _blobs/&lt;hex&gt;         link: the blob is part of the repository (empty file)
 *       _manifests/&lt;hex&gt;     link: the manifest is part of the repository; content = media type
 *       _tags/&lt;tag&gt;          content = "sha256:..." of the tagged manifest
 *       _referrers/&lt;subject hex&gt;/&lt;hex&gt;   content = the referrer's descriptor (JSON)
 * </pre>
 *
 * <p>Metadata keys are "/"-separated strings relative to {@link #root()}: the file-system driver
 * maps them to files under it, the in-memory driver keeps them in a map. Repository names are
 * validated before they become keys (lower-case components, no "..", see RepositoryName), and no
 * component can start with "_", so a repository never collides with a link directory.
 *
 * <p>Files under blobs/, images/ and tags.json are only ever replaced by an atomic rename of a
 * fully written, fsynced temp file (see {@link DurableFiles}).
 */
public record RegistryPaths(Path dataRoot) {

  public Path root() {
    return dataRoot.resolve("registry");
  }

  public Path blobs() {
    return root().resolve("blobs").resolve("sha256");
  }

  /** The blob file of a "sha256:&lt;hex&gt;" digest (the digest must be valid: see {@link Digests}). */
  public Path blob(String digest) {
    return blobs().resolve(Digests.hex(digest));
  }

  /** The token service's signing key pair (PEM: PRIVATE KEY then PUBLIC KEY). */
  public Path tokenKey() {
    return root().resolve("token-key.pem");
  }

  public Path tmp() {
    return root().resolve("tmp");
  }

  public Path images() {
    return root().resolve("images");
  }

  /** The record of image "sha256:&lt;hex&gt;". */
  public Path imageRecord(String imageId) {
    return images().resolve(Digests.hex(imageId) + ".json");
  }

  public Path tagIndex() {
    return root().resolve("tags.json");
  }

  public Path uploads() {
    return root().resolve("uploads");
  }

  /** The directory of upload session {@code id} (a UUID string, validated by the caller). */
  public Path upload(String id) {
    return uploads().resolve(id);
  }

  public Path uploadData(String id) {
    return upload(id).resolve("data");
  }

  public Path uploadState(String id) {
    return upload(id).resolve("state.json");
  }

  // ---- metadata keys (StorageDriver) ----

  public static final String REPOSITORIES_KEY = "repositories";

  public static String repositoryKey(String name) {
    return REPOSITORIES_KEY + "/" + name;
  }

  public static String blobLinksKey(String name) {
    return repositoryKey(name) + "/_blobs";
  }

  public static String blobLinkKey(String name, String digest) {
    return blobLinksKey(name) + "/" + Digests.hex(digest);
  }

  public static String manifestLinksKey(String name) {
    return repositoryKey(name) + "/_manifests";
  }

  public static String manifestLinkKey(String name, String digest) {
    return manifestLinksKey(name) + "/" + Digests.hex(digest);
  }

  public static String tagsKey(String name) {
    return repositoryKey(name) + "/_tags";
  }

  public static String tagKey(String name, String tag) {
    return tagsKey(name) + "/" + tag;
  }

  public static String referrersKey(String name, String subjectDigest) {
    return repositoryKey(name) + "/_referrers/" + Digests.hex(subjectDigest);
  }

  public static String referrerKey(String name, String subjectDigest, String digest) {
    return referrersKey(name, subjectDigest) + "/" + Digests.hex(digest);
  }
}
