package io.wharf.registry.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.Json;
import io.wharf.api.image.LayerRef;
import io.wharf.registry.ops.ImageEvents;
import io.wharf.registry.ops.TagWriter;
import io.wharf.registry.reference.ImageReference;
import io.wharf.registry.store.ImageRecord;
import io.wharf.registry.store.ImageStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Mirrors /v2 changes into the Docker face: an image manifest pushed to /v2 becomes an image
 * record (id = config digest, layers with their diffIDs from the config) so that
 * {@code docker images} lists it; tag {@code 1} of repository {@code app} becomes Docker's
 * {@code app:1}; indexes and artifacts are stored but are not images, so a tag moved onto one
 * leaves the Docker face. Called by {@link ManifestService} under the store lock.
 */
public final class ImageFace {
  private final ImageStore store;
  private final TagWriter tags;
  private final ImageEvents events;
  private final Repositories repos;

  public ImageFace(ImageStore store, TagWriter tags, ImageEvents events, Repositories repos) {
    this.store = store;
    this.tags = tags;
    this.events = events;
    this.repos = repos;
  }

  /** Records an image manifest as a Docker image (kept as is when the image id is known). */
  void manifestPut(String repo, ParsedManifest m) {
    if (m.isImage() && store.image(m.config().digest()) == null && recordImage(m) != null) {
      events.publish("push", m.config().digest(), repo);
    }
  }

  /**
   * The Docker image of an image manifest whose config blob is stored: its id, recorded now unless
   * known; null when the manifest is no runnable image (not an image config, or diff_ids that do
   * not match the layers). The manifest bytes must be stored too.
   */
  public String recordImage(ParsedManifest m) {
    if (!m.isImage()) {
      return null;
    }
    if (store.image(m.config().digest()) != null) {
      return m.config().digest();
    }
    List<String> diffIds = diffIds(m.config().digest());
    if (diffIds == null || diffIds.size() != m.layers().size()) {
      return null; // not a config Docker can run: stays a /v2-only artifact
    }
    List<LayerRef> layers = new ArrayList<>();
    for (int i = 0; i < diffIds.size(); i++) {
      ManifestDescriptor l = m.layers().get(i);
      layers.add(new LayerRef(diffIds.get(i), l.digest(), l.size(), l.mediaType()));
    }
    store.putImage(new ImageRecord(m.config().digest(), m.config().size(), m.digest(), m.size(),
        m.mediaType(), layers, 0));
    return m.config().digest();
  }

  /** Tag {@code tag} of {@code repo} is about to point at {@code m}. */
  void tagMoving(String repo, String tag, ParsedManifest m) {
    ImageReference ref = dockerName(repo, tag);
    if (ref == null) {
      return;
    }
    if (m.isImage() && store.image(m.config().digest()) != null) {
      tags.tag(ref, m.config().digest());
    } else {
      tagRemoved(repo, tag);
    }
  }

  void tagRemoved(String repo, String tag) {
    ImageReference ref = dockerName(repo, tag);
    if (ref != null) {
      String previous = store.removeTag(ref.familiarString());
      if (previous != null) {
        events.publish("untag", previous, previous);
      }
    }
  }

  /** A manifest left a repository: its Docker image goes too once nothing names it any more. */
  void manifestDeleted(String digest) {
    for (ImageRecord r : store.imagesWithManifest(digest)) {
      boolean linked = repos.catalog().stream().anyMatch(repo -> repos.manifestType(repo, digest) != null);
      if (!linked && store.tagsOf(r.id()).isEmpty()) {
        store.deleteImage(r.id());
        events.publish("delete", r.id(), r.id());
      }
    }
  }

  private static ImageReference dockerName(String repo, String tag) {
    try {
      return ImageReference.parse(repo + ":" + tag);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private List<String> diffIds(String configDigest) {
    try {
      JsonNode c = Json.MAPPER.readTree(store.blobs().read(configDigest));
      JsonNode ids = c.path("rootfs").path("diff_ids");
      if (!ids.isArray()) {
        return null;
      }
      List<String> out = new ArrayList<>();
      ids.forEach(n -> out.add(n.asText()));
      return out;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
