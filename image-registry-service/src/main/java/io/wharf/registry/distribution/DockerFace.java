package io.wharf.registry.distribution;

import io.wharf.api.image.LayerRef;
import io.wharf.registry.distribution.RepositoryName.RepoTag;
import io.wharf.registry.store.ImageRecord;
import io.wharf.registry.store.ImageStore;
import io.wharf.registry.store.StoreListener;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Mirrors Docker-side changes into the /v2 face: a Docker tag {@code busybox:latest} becomes tag
 * {@code latest} of repository {@code busybox} pointing at the image's stored manifest (with the
 * config and layers linked); an untag removes it; a deleted image's manifest leaves every
 * repository. See {@link RepositoryName} for the name mapping. Runs under the store lock.
 */
public final class DockerFace implements StoreListener {
  private final Repositories repos;
  private final ManifestReferences references;
  private final List<String> selfNames;

  public DockerFace(Repositories repos, ManifestReferences references, List<String> selfNames) {
    this.repos = repos;
    this.references = references;
    this.selfNames = selfNames; // live view: filled once the server listens
  }

  public Optional<RepoTag> repoTag(String familiarTag) {
    return RepositoryName.fromFamiliar(familiarTag, selfNames);
  }

  @Override
  public void tagSet(String familiarTag, ImageRecord image) {
    repoTag(familiarTag).ifPresent(rt -> {
      link(rt.repository(), image);
      repos.setTag(rt.repository(), rt.tag(), image.manifestDigest());
    });
  }

  @Override
  public void tagRemoved(String familiarTag, String imageId) {
    repoTag(familiarTag).ifPresent(rt -> repos.removeTag(rt.repository(), rt.tag()));
  }

  @Override
  public void imageDeleted(ImageRecord image) {
    for (String repo : repos.catalog()) {
      if (repos.manifestType(repo, image.manifestDigest()) != null) {
        repos.tagsOf(repo, image.manifestDigest()).forEach(t -> repos.removeTag(repo, t));
        repos.unlinkManifest(repo, image.manifestDigest());
      }
    }
  }

  @Override
  public Set<String> blobsInUse() {
    return references.inUse();
  }

  /** Makes the /v2 face show every Docker tag that is not there yet (after an upgrade or a crash). */
  public void syncAll(ImageStore store) {
    store.withLock(() -> {
      for (Map.Entry<String, String> e : store.allTags().entrySet()) {
        ImageRecord image = store.image(e.getValue());
        Optional<RepoTag> rt = repoTag(e.getKey());
        if (image != null && rt.isPresent() && repos.tag(rt.get().repository(), rt.get().tag()) == null) {
          tagSet(e.getKey(), image);
        }
      }
      return null;
    });
  }

  private void link(String repo, ImageRecord image) {
    repos.linkBlob(repo, image.id());
    for (LayerRef l : image.layers()) {
      repos.linkBlob(repo, l.digest());
    }
    repos.linkManifest(repo, image.manifestDigest(), image.manifestMediaType());
  }
}
