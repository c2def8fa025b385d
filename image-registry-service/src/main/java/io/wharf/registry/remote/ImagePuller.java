package io.wharf.registry.remote;

import io.wharf.api.ErrorCategory;
import io.wharf.api.WharfException;
import io.wharf.registry.distribution.ImageFace;
import io.wharf.registry.distribution.ManifestDescriptor;
import io.wharf.registry.distribution.ManifestParser;
import io.wharf.registry.distribution.ManifestService;
import io.wharf.registry.distribution.ParsedManifest;
import io.wharf.registry.distribution.StoredManifest;
import io.wharf.registry.ops.ImageEvents;
import io.wharf.registry.ops.TagWriter;
import io.wharf.registry.proxy.UpstreamClient;
import io.wharf.registry.reference.ImageReference;
import io.wharf.registry.store.BlobStore;
import io.wharf.registry.store.Digests;
import io.wharf.registry.store.ImageStore;
import io.wharf.registry.store.RepoDigests;
import io.wharf.registry.store.StagedBlob;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code docker pull}: resolves the reference (an index picks the platform's manifest), fetches
 * and verifies the config and every missing layer into the blob store, records the image and
 * tags it, reporting Docker's progress messages. An image of this registry itself is resolved
 * locally. A missing manifest fails before any message (NOT_FOUND with Docker's wording). When
 * the registry cannot be reached and the tag is present, the pull is a no-op "up to date" (a
 * machine without network still runs {@code docker pull busybox} after {@code docker load}).
 * Blocking.
 */
public final class ImagePuller {
  /** Layers downloaded at once (dockerd's default max-concurrent-downloads; system property wharf.pull.parallel). */
  static final int PARALLEL_DOWNLOADS = Integer.getInteger("wharf.pull.parallel", 3);

  private final ImageStore store;
  private final TagWriter tags;
  private final ImageFace face;
  private final ManifestService manifests;
  private final RemoteRegistries remotes;
  private final ImageEvents events;

  public ImagePuller(ImageStore store, TagWriter tags, ImageFace face, ManifestService manifests,
      RemoteRegistries remotes, ImageEvents events) {
    this.store = store;
    this.tags = tags;
    this.face = face;
    this.manifests = manifests;
    this.remotes = remotes;
    this.events = events;
  }

  /** Where manifests come from: this registry's /v2 face or a remote registry. */
  private interface Source {
    StoredManifest manifest(String reference);

    InputStream blob(String digest);

    /** Every tag of the repository, null when it is unknown. */
    List<String> tags();
  }

  /**
   * @param fromImage as Docker sends it ("busybox", "127.0.0.1:5000/app", may carry a tag or digest)
   * @param tag separate tag, empty/null = the reference's own or "latest"
   * @param platform "os/arch", null = linux and this host's architecture
   * @return the pulled image id
   */
  public String pull(String fromImage, String tag, String platform, String registryAuth, Consumer<String> sink) {
    ImageReference ref = reference(fromImage, tag);
    Pulled pulled = pullTag(ref, source(ref, registryAuth), platform, sink);
    writeStatus(ref.familiarString(), pulled.downloaded(), sink);
    return pulled.id();
  }

  /**
   * {@code docker pull --all-tags repo}: every tag the registry lists, one after the other (each
   * with its own "Pulling from" and "Digest" lines, like dockerd), then one status line for the
   * repository. NOT_FOUND when the repository has no tags.
   */
  public void pullAllTags(String fromImage, String platform, String registryAuth, Consumer<String> sink) {
    ImageReference name = ImageReference.parse(fromImage);
    Source source = source(name.withDefaultTag(), registryAuth);
    List<String> all = source.tags();
    if (all == null || all.isEmpty()) {
      throw WharfException.notFound("repository " + name.familiarName() + " not found: name unknown");
    }
    boolean downloaded = false;
    for (String t : all) {
      downloaded |= pullTag(ImageReference.tagTarget(fromImage, t), source, platform, sink).downloaded();
    }
    writeStatus(name.familiarName(), downloaded, sink);
  }

  /** True when {@code fromImage} names a repository only and no tag is given: Docker pulls every tag then. */
  public static boolean isNameOnly(String fromImage, String tag) {
    if (fromImage == null || fromImage.isBlank() || (tag != null && !tag.isEmpty())) {
      return false;
    }
    ImageReference r = ImageReference.parse(fromImage);
    return r.tag() == null && r.digest() == null;
  }

  private record Pulled(String id, boolean downloaded) {}

  private static void writeStatus(String requested, boolean downloaded, Consumer<String> sink) {
    new Progress(sink).status((downloaded ? "Status: Downloaded newer image for " : "Status: Image is up to date for ")
        + requested);
  }

  private Pulled pullTag(ImageReference ref, Source source, String platform, Consumer<String> sink) {
    String reference = ref.digest() != null ? ref.digest() : ref.tag();
    StoredManifest top;
    try {
      top = source.manifest(reference);
    } catch (WharfException e) {
      String present = e.category() == ErrorCategory.UNAVAILABLE ? store.tagTarget(ref.familiarString()) : null;
      if (present == null) {
        throw e;
      }
      // offline: a registry that cannot be reached leaves a present image as it is (and says so)
      return new Pulled(present, false);
    }
    if (top == null) {
      throw WharfException.notFound("manifest for " + ref.familiarString() + " not found: manifest unknown: manifest unknown");
    }
    ParsedManifest m = ManifestParser.parse(top.bytes(), top.mediaType());
    if (m.isIndex()) {
      ManifestDescriptor child = PlatformChoice.pick(top.bytes(), platform == null ? PlatformChoice.host() : platform);
      StoredManifest chosen = source.manifest(child.digest());
      if (chosen == null) {
        throw WharfException.notFound("manifest for " + ref.familiarString() + " not found: manifest unknown: manifest unknown");
      }
      m = ManifestParser.parse(chosen.bytes(), chosen.mediaType());
    }
    if (!m.isImage()) {
      throw WharfException.invalid("unsupported media type " + (m.config() == null ? m.mediaType() : m.config().mediaType())
          + " in " + ref.familiarString() + ": not a container image");
    }
    Progress progress = new Progress(sink);
    progress.status("Pulling from " + ref.path(), ref.digest() != null ? ref.digest() : ref.tag());
    List<String> fetched = Collections.synchronizedList(new ArrayList<>());
    ParsedManifest image = m;
    String id;
    try {
      fetch(source, m, progress, fetched);
      id = store.withLock(() -> {
        storeManifest(image);
        boolean fresh = store.image(image.config().digest()) == null;
        String recorded = face.recordImage(image);
        if (recorded == null) {
          throw WharfException.invalid(ref.familiarString() + ": the image config does not match its layers");
        }
        new RepoDigests(store.paths()).add(recorded, ref.familiarName(), top.digest(), fresh);
        return recorded;
      });
    } catch (RuntimeException e) {
      forget(fetched);
      throw e;
    }
    String previous = store.tagTarget(ref.familiarString());
    if (ref.digest() == null) {
      tags.tag(ref, id);
    }
    events.publish("pull", id, ref.familiarString());
    progress.status("Digest: " + top.digest());
    return new Pulled(id, !id.equals(previous));
  }

  /** Docker sends a pull by digest as {@code fromImage=repo&tag=sha256:...}. */
  static ImageReference reference(String fromImage, String tag) {
    if (fromImage == null || fromImage.isBlank()) {
      throw WharfException.invalid("fromImage is required");
    }
    if (tag == null || tag.isEmpty()) {
      return ImageReference.parse(fromImage).withDefaultTag();
    }
    return tag.contains(":") ? ImageReference.parse(fromImage + "@" + tag) : ImageReference.tagTarget(fromImage, tag);
  }

  /**
   * Config first, then the missing layers, {@link #PARALLEL_DOWNLOADS} at a time (Docker's
   * default max-concurrent-downloads). The first failure cancels the rest; every started
   * download has finished (and recorded what it committed in {@code fetched}) when this returns.
   */
  private void fetch(Source source, ParsedManifest m, Progress progress, List<String> fetched) {
    BlobStore blobs = store.blobs();
    for (ManifestDescriptor l : m.layers()) {
      progress.layer(blobs.has(l.digest()) ? "Already exists" : "Pulling fs layer", l.digest());
    }
    download(source, m.config(), null, fetched);
    List<ManifestDescriptor> missing = m.layers().stream().filter(l -> !l.foreign() && !blobs.has(l.digest()))
        .distinct().toList();
    if (missing.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_DOWNLOADS, missing.size()), r -> {
      Thread t = new Thread(r, "wharf-pull");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> jobs = new ArrayList<>();
      missing.forEach(d -> jobs.add(pool.submit(() -> download(source, d, progress, fetched))));
      awaitAll(jobs);
    } finally {
      pool.shutdownNow();
      try {
        pool.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits for every job; on the first failure cancels the others and rethrows it. */
  private static void awaitAll(List<Future<?>> jobs) {
    for (Future<?> job : jobs) {
      try {
        job.get();
      } catch (ExecutionException e) {
        jobs.forEach(j -> j.cancel(true));
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        jobs.forEach(j -> j.cancel(true));
        throw WharfException.internal("pull interrupted", e);
      }
    }
  }

  /**
   * A failed pull leaves nothing behind: the blobs it committed are deleted again unless an
   * image references them by now (a concurrent pull of the same content).
   */
  private void forget(List<String> fetched) {
    store.withLock(() -> {
      Set<String> referenced = new HashSet<>();
      store.images().forEach(r -> referenced.addAll(r.blobDigests()));
      fetched.stream().filter(d -> !referenced.contains(d)).forEach(d -> store.blobs().delete(d));
      return null;
    });
  }

  private void download(Source source, ManifestDescriptor blob, Progress progress, List<String> fetched) {
    String digest = blob.digest();
    if (store.blobs().has(digest)) {
      return;
    }
    try (InputStream in = source.blob(digest)) {
      if (in == null) {
        throw WharfException.notFound("blob " + digest + " unknown to the registry");
      }
      InputStream counted = progress == null ? in
          : new CountingInput(in, n -> progress.downloading(digest, n, blob.size()));
      StagedBlob staged = store.blobs().stage(counted);
      if (progress != null) {
        progress.layer("Verifying Checksum", digest);
      }
      store.blobs().commit(staged, digest);
      fetched.add(digest);
      if (progress != null) {
        progress.layer("Download complete", digest);
        progress.layer("Pull complete", digest);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot download " + digest, e);
    }
  }

  private void storeManifest(ParsedManifest m) {
    try {
      store.blobs().put(m.bytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store manifest " + m.digest(), e);
    }
  }

  private Source source(ImageReference ref, String registryAuth) {
    if (remotes.isSelf(ref)) {
      return new Source() {
        @Override
        public StoredManifest manifest(String reference) {
          try {
            return manifests.get(ref.path(), reference);
          } catch (WharfException e) {
            return null;
          }
        }

        @Override
        public List<String> tags() {
          return manifests.tags(ref.path());
        }

        @Override
        public InputStream blob(String digest) {
          try {
            return store.blobs().open(digest);
          } catch (IOException e) {
            return null;
          }
        }
      };
    }
    return new RemoteSource(remotes.pullClients(ref, registryAuth), ref.path());
  }

  /**
   * A remote registry, or several that serve the same repositories (docker.io: the mirrors, then
   * Docker Hub): a manifest comes from the first that has it and answers; the blobs then come
   * from the same one.
   */
  private static final class RemoteSource implements Source {
    private final List<UpstreamClient> clients;
    private final String path;
    private int chosen;

    RemoteSource(List<UpstreamClient> clients, String path) {
      this.clients = clients;
      this.path = path;
    }

    @Override
    public StoredManifest manifest(String reference) {
      WharfException failure = null;
      for (int i = chosen; i < clients.size(); i++) {
        try {
          UpstreamClient.Fetched f = clients.get(i).manifest(path, reference);
          if (f != null) {
            chosen = i;
            return new StoredManifest(f.bytes(), Digests.of(f.bytes()), f.contentType());
          }
        } catch (WharfException e) {
          if (i == clients.size() - 1 && failure == null) {
            throw e;
          }
          failure = failure == null ? e : failure;
        }
      }
      if (failure != null) {
        throw failure;
      }
      return null;
    }

    @Override
    public List<String> tags() {
      WharfException failure = null;
      for (UpstreamClient client : clients) {
        try {
          List<String> tags = client.tags(path);
          if (tags != null) {
            return tags;
          }
        } catch (WharfException e) {
          failure = failure == null ? e : failure;
        }
      }
      if (failure != null) {
        throw failure;
      }
      return null;
    }

    @Override
    public InputStream blob(String digest) {
      UpstreamClient client = clients.get(chosen);
      InputStream first = client.blob(path, digest);
      return first == null ? null : new ResumingInput(first, offset -> client.blobFrom(path, digest, offset));
    }
  }
}
