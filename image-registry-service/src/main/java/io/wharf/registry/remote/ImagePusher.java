package io.wharf.registry.remote;

import io.wharf.api.WharfException;
import io.wharf.api.image.LayerRef;
import io.wharf.registry.distribution.DockerFace;
import io.wharf.registry.proxy.UpstreamClient;
import io.wharf.registry.reference.ImageReference;
import io.wharf.registry.store.ImageRecord;
import io.wharf.registry.store.ImageStore;
import io.wharf.registry.store.RepoDigests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code docker push}: sends an image's blobs (skipping those the registry has) and its stored
 * manifest, exact bytes, to the registry its name points at, reporting Docker's progress
 * messages. A name of this registry itself needs no transfer: the Docker tag already is the /v2
 * tag (one store, two faces), so only the messages are produced. NOT_FOUND "An image does not
 * exist locally with the tag: ..." before any message. Blocking.
 */
public final class ImagePusher {
  private final ImageStore store;
  private final RemoteRegistries remotes;
  private final DockerFace dockerFace;

  public ImagePusher(ImageStore store, RemoteRegistries remotes, DockerFace dockerFace) {
    this.store = store;
    this.remotes = remotes;
    this.dockerFace = dockerFace;
  }

  /**
   * @param name repository as Docker sends it ("127.0.0.1:5000/myimg")
   * @param tag the tag; empty/null = every local tag of that repository
   */
  public void push(String name, String tag, String registryAuth, Consumer<String> sink) {
    ImageReference repo = ImageReference.parse(name);
    List<ImageReference> refs = targets(repo, tag);
    Progress progress = new Progress(sink);
    progress.status("The push refers to repository [" + repo.name() + "]");
    UpstreamClient client = remotes.isSelf(repo) ? null : remotes.client(repo, registryAuth);
    for (ImageReference ref : refs) {
      ImageRecord image = store.image(store.tagTarget(ref.familiarString()));
      List<String> blobs = new ArrayList<>();
      image.layers().forEach(l -> blobs.add(l.digest()));
      blobs.add(image.id());
      image.layers().stream().map(LayerRef::digest).forEach(d -> progress.layer("Preparing", d));
      for (String digest : blobs) {
        String mountedFrom;
        if (client == null || client.hasBlob(repo.path(), digest)) {
          progress.layer("Layer already exists", digest);
        } else if ((mountedFrom = mount(client, repo, image, digest)) != null) {
          progress.layer("Mounted from " + mountedFrom, digest);
        } else {
          client.uploadBlob(repo.path(), digest, store.blobs().existing(digest));
          progress.layer("Pushed", digest);
        }
      }
      String digest = client == null ? selfPush(ref, image) : client.putManifest(repo.path(), ref.tag(),
          manifestBytes(image), image.manifestMediaType());
      String shown = digest != null ? digest : image.manifestDigest();
      store.withLock(() -> {
        new RepoDigests(store.paths()).add(image.id(), repo.familiarName(), shown);
        return null;
      });
      progress.status(ref.tag() + ": digest: " + shown + " size: " + image.manifestSize());
      progress.aux(ref.tag(), shown, image.manifestSize());
    }
  }

  /**
   * Tries a cross-repository mount from each other repository of the same registry this image
   * was pulled from or pushed to (its RepoDigests); the repository mounted from, or null.
   */
  private String mount(UpstreamClient client, ImageReference repo, ImageRecord image, String digest) {
    for (String known : new RepoDigests(store.paths()).of(image.id())) {
      ImageReference from = ImageReference.parse(known);
      if (from.domain().equals(repo.domain()) && !from.path().equals(repo.path())
          && client.mountBlob(repo.path(), digest, from.path())) {
        return from.path();
      }
    }
    return null;
  }

  private List<ImageReference> targets(ImageReference repo, String tag) {
    List<ImageReference> refs = new ArrayList<>();
    if (tag != null && !tag.isEmpty()) {
      refs.add(ImageReference.tagTarget(repo.familiarName(), tag));
    } else if (repo.tag() != null) {
      refs.add(repo);
    } else {
      store.allTags().keySet().stream().filter(t -> t.startsWith(repo.familiarName() + ":"))
          .forEach(t -> refs.add(ImageReference.parse(t)));
    }
    for (ImageReference r : refs) {
      String id = store.tagTarget(r.familiarString());
      if (id == null || store.image(id) == null) {
        throw WharfException.notFound("An image does not exist locally with the tag: " + r.familiarName());
      }
    }
    if (refs.isEmpty()) {
      throw WharfException.notFound("An image does not exist locally with the tag: " + repo.familiarName());
    }
    return refs;
  }

  /** This registry: the Docker tag is mirrored already; make sure of it and report the manifest. */
  private String selfPush(ImageReference ref, ImageRecord image) {
    store.withLock(() -> {
      dockerFace.tagSet(ref.familiarString(), image);
      return null;
    });
    return image.manifestDigest();
  }

  private byte[] manifestBytes(ImageRecord image) {
    try {
      return store.blobs().read(image.manifestDigest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifest of " + image.id(), e);
    }
  }
}
