package io.wharf.registry.ops;

import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.image.HistoryEntry;
import io.wharf.api.image.ImageDetails;
import io.wharf.api.image.ImageRequests.DeleteItem;
import io.wharf.api.image.ImageRequests;
import io.wharf.api.image.ImageSummary;
import io.wharf.registry.reference.ImageReference;
import io.wharf.registry.store.ImageLookup;
import io.wharf.registry.store.ImageRecord;
import io.wharf.registry.store.ImageStore;
import io.wharf.registry.store.RepoDigests;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The image operations served over the event bus: list, inspect, history, tag, remove. Plain,
 * thread-safe (mutations go through the store lock), blocking: call from a worker thread.
 */
public final class ImageService {
  private final ImageStore store;
  private final ImageLookup lookup;
  private final TagWriter tags;
  private final ImageRemoval removal;
  private final RepoDigests repoDigests;

  public ImageService(ImageStore store, TagWriter tags, ImageEvents events) {
    this.store = store;
    this.lookup = new ImageLookup(store);
    this.tags = tags;
    this.removal = new ImageRemoval(store, events);
    this.repoDigests = new RepoDigests(store.paths());
  }

  /** {@code docker images}: newest first. without {@code all}, a build's intermediate images are hidden. */
  public List<ImageSummary> list(ImageRequests.ListImages q) {
    ImageFilters filters = ImageFilters.parse(q.filters(), name -> view(lookup.resolve(name).id()).createdSeconds());
    List<ImageSummary> out = new ArrayList<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    store.images().forEach(r -> ids.add(r.id()));
    java.util.Set<String> buildParents = store.parents().parentsOf(ids);
    java.util.Map<String, List<String>> digests = repoDigests.all();
    for (ImageRecord r : store.images()) {
      ConfigView config = view(r.id());
      List<String> all = store.tagsOf(r.id());
      List<String> visible = filters.visibleTags(all);
      if (!q.all() && all.isEmpty() && buildParents.contains(r.id())) {
        continue; // an intermediate image of a build, as dockerd hides them
      }
      if (filters.accepts(all, visible, config.createdSeconds(), config.labels())) {
        out.add(summary(r, visible, filters.visibleDigests(digests.getOrDefault(r.id(), List.of())), config));
      }
    }
    out.sort(Comparator.comparingLong(ImageSummary::created).reversed().thenComparing(ImageSummary::id));
    return out;
  }

  /** {@code docker image inspect}; NOT_FOUND "No such image: nosuch:latest". */
  public ImageDetails inspect(String name) {
    ImageRecord r = record(name);
    ConfigView config = view(r.id());
    List<String> t = store.tagsOf(r.id());
    return new ImageDetails(summary(r, t, config), config.text("created"), config.text("author"),
        config.text("comment"), config.text("docker_version"), config.text("architecture"), config.text("os"),
        config.runtimeConfig(), r.layers(), config.history(r.id(), t, r.layers()));
  }

  /** {@code docker history}: newest first. */
  public List<HistoryEntry> history(String name) {
    ImageRecord r = record(name);
    List<HistoryEntry> entries = new ArrayList<>(view(r.id()).history(r.id(), store.tagsOf(r.id()), r.layers()));
    // a built image: each step added one entry, so the i-th parent owns the i-th entry (as dockerd shows)
    String p = store.parents().parentOf(r.id());
    for (int i = 1; i < entries.size() && p != null && store.image(p) != null; i++) {
      HistoryEntry e = entries.get(i);
      List<String> t = store.tagsOf(p);
      entries.set(i, new HistoryEntry(p, e.created(), e.createdBy(), t.isEmpty() ? null : t, e.size(), e.comment()));
      p = store.parents().parentOf(p);
    }
    return entries;
  }

  /** {@code docker tag}: INVALID_ARGUMENT for a bad target, NOT_FOUND for a missing source. */
  public ImageSummary tag(ImageRequests.Tag t) {
    ImageReference target = ImageReference.tagTarget(t.repo(), t.tag());
    return store.withLock(() -> {
      ImageRecord r = record(t.source());
      tags.tag(target, r.id());
      return summary(r, store.tagsOf(r.id()), view(r.id()));
    });
  }

  /** {@code docker rmi}; {@code containers} are the cluster's containers (to find users of the image). */
  public List<DeleteItem> remove(ImageRequests.Remove r, List<ContainerSummary> containers) {
    return removal.remove(r.name(), r.force(), containers);
  }

  private ImageRecord record(String name) {
    String id = lookup.resolve(name).id();
    ImageRecord r = store.image(id);
    if (r == null) {
      throw WharfException.notFound("No such image: " + name);
    }
    return r;
  }

  private ConfigView view(String id) {
    return new ConfigView(store.config(id));
  }

  private ImageSummary summary(ImageRecord r, List<String> tags, ConfigView config) {
    return summary(r, tags, repoDigests.of(r.id()), config);
  }

  private ImageSummary summary(ImageRecord r, List<String> tags, List<String> digests, ConfigView config) {
    String parent = store.parents().parentOf(r.id());
    return new ImageSummary(r.id(), tags, digests, parent == null ? "" : parent, config.createdSeconds(),
        r.size(), config.labels());
  }
}
