package io.wharf.registry.ops;

import io.wharf.api.WharfException;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.image.ImageRequests.DeleteItem;
import io.wharf.registry.store.Digests;
import io.wharf.registry.store.ImageLookup;
import io.wharf.registry.store.ImageStore;
import io.wharf.registry.store.RepoDigests;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code docker rmi} with Docker's rules. By name: untag; the image goes when its last tag goes,
 * unless a container uses it (refused without force when that was the only tag; kept silently
 * with force). By id: untag when it has a single tag; several tags need force ("referenced in
 * multiple repositories"); a stopped container's image needs force; a running container's image
 * cannot be deleted at all. Runs under the store lock. Blocking.
 */
final class ImageRemoval {
  private final ImageStore store;
  private final ImageEvents events;

  ImageRemoval(ImageStore store, ImageEvents events) {
    this.store = store;
    this.events = events;
  }

  /** One reason an image cannot be deleted. hard = even force does not help. */
  private record Conflict(boolean hard, boolean used, String message) {}

  List<DeleteItem> remove(String name, boolean force, List<ContainerSummary> containers) {
    return store.withLock(() -> {
      ImageLookup.Resolved res = new ImageLookup(store).resolve(name);
      String id = res.id();
      List<DeleteItem> records = new ArrayList<>();
      boolean removedLastTag = false;
      String byDigest = digestName(name);
      if (byDigest != null && new RepoDigests(store.paths()).of(id).contains(byDigest)) {
        // docker rmi repo@digest removes that name; the image goes only with its last name
        refuseIfLastNameInUse(name, force, id, containers);
        new RepoDigests(store.paths()).remove(id, byDigest);
        records.add(new DeleteItem(byDigest, null));
        if (!store.tagsOf(id).isEmpty() || !new RepoDigests(store.paths()).of(id).isEmpty()) {
          return records;
        }
        removedLastTag = true;
      } else if (res.byReference()) {
        if (!force && store.tagsOf(id).size() == 1) {
          ContainerSummary c = first(containers, id, x -> true);
          if (c != null) {
            throw WharfException.conflict("conflict: unable to remove repository reference \"" + name
                + "\" (must force) - container " + Digests.shortId(c.id()) + " is using its referenced image "
                + Digests.shortId(id));
          }
        }
        untag(res.reference().familiarString(), id, records);
        untagDigestsIfLastOfRepository(res.reference().familiarName(), id, records);
        if (!store.tagsOf(id).isEmpty()) {
          return records;
        }
        removedLastTag = true;
      } else if (store.tagsOf(id).size() == 1) {
        throwIf(conflict(id, containers, true, false, !force), id);
        untag(store.tagsOf(id).get(0), id, records);
      }
      Conflict c = conflict(id, containers, true, !force, !force);
      if (c != null) {
        if (removedLastTag && c.used()) {
          return records; // the untag was the job; a container still needs the image
        }
        throwIf(c, id);
      }
      for (String tag : store.tagsOf(id)) {
        untag(tag, id, records);
      }
      String parent = store.parents().parentOf(id);
      for (String digestName : new RepoDigests(store.paths()).removeAll(id)) {
        records.add(new DeleteItem(digestName, null));
      }
      store.deleteImage(id);
      events.publish("delete", id, id);
      records.add(new DeleteItem(null, id));
      pruneParents(parent, containers, records);
      return records;
    });
  }

  /** "repo@sha256:..." as RepoDigests records it, or null when {@code name} is no digest reference. */
  private static String digestName(String name) {
    if (name.startsWith(Digests.SHA256) || !name.contains("@")) {
      return null;
    }
    io.wharf.registry.reference.ImageReference ref = io.wharf.registry.reference.ImageReference.parse(name);
    return ref.digest() == null ? null : ref.familiarName() + "@" + ref.digest();
  }

  /** Without force, the last name of an image a container uses stays (Docker's "must force" conflict). */
  private void refuseIfLastNameInUse(String name, boolean force, String id, List<ContainerSummary> containers) {
    if (force || store.tagsOf(id).size() + new RepoDigests(store.paths()).of(id).size() != 1) {
      return;
    }
    ContainerSummary c = first(containers, id, x -> true);
    if (c != null) {
      throw WharfException.conflict("conflict: unable to remove repository reference \"" + name
          + "\" (must force) - container " + Digests.shortId(c.id()) + " is using its referenced image "
          + Digests.shortId(id));
    }
  }

  /**
   * dockerd deletes the untagged build parents of a deleted image with it, up the chain, until one
   * is tagged, has another child or is used by a container.
   */
  private void pruneParents(String parent, List<ContainerSummary> containers, List<DeleteItem> records) {
    for (String p = parent; p != null && store.image(p) != null; ) {
      java.util.Set<String> ids = new java.util.HashSet<>();
      store.images().forEach(r -> ids.add(r.id()));
      if (!store.tagsOf(p).isEmpty() || store.parents().hasChild(p, ids) || first(containers, p, x -> true) != null) {
        return;
      }
      String next = store.parents().parentOf(p);
      store.deleteImage(p);
      events.publish("delete", p, p);
      records.add(new DeleteItem(null, p));
      p = next;
    }
  }

  /**
   * As dockerd: when the removed tag was the image's last one in its repository, the image's
   * {@code repository@digest} names go too (each reported as Untagged).
   */
  private void untagDigestsIfLastOfRepository(String familiarName, String id, List<DeleteItem> records) {
    if (store.tagsOf(id).stream().anyMatch(t -> t.substring(0, t.lastIndexOf(':')).equals(familiarName))) {
      return;
    }
    for (String digestName : new RepoDigests(store.paths()).removeRepository(id, familiarName)) {
      records.add(new DeleteItem(digestName, null));
    }
  }

  private void untag(String familiarTag, String id, List<DeleteItem> records) {
    store.removeTag(familiarTag);
    events.publish("untag", id, id);
    records.add(new DeleteItem(familiarTag, null));
  }

  private Conflict conflict(String id, List<ContainerSummary> containers, boolean running,
      boolean references, boolean stopped) {
    ContainerSummary c = first(containers, id, x -> x.state() != null && x.state().isLive());
    if (running && c != null) {
      return new Conflict(true, true, "image is being used by running container " + Digests.shortId(c.id()));
    }
    if (references && !store.tagsOf(id).isEmpty()) {
      return new Conflict(false, false, "image is referenced in multiple repositories");
    }
    c = first(containers, id, x -> x.state() == null || !x.state().isLive());
    if (stopped && c != null) {
      return new Conflict(false, true, "image is being used by stopped container " + Digests.shortId(c.id()));
    }
    return null;
  }

  private static void throwIf(Conflict c, String id) {
    if (c != null) {
      throw WharfException.conflict("conflict: unable to delete " + Digests.shortId(id) + " ("
          + (c.hard() ? "cannot be forced" : "must be forced") + ") - " + c.message());
    }
  }

  private static ContainerSummary first(List<ContainerSummary> containers, String imageId,
      Predicate<ContainerSummary> also) {
    for (ContainerSummary c : containers) {
      if (c.imageId() != null && normalize(c.imageId()).equals(imageId) && also.test(c)) {
        return c;
      }
    }
    return null;
  }

  private static String normalize(String id) {
    return id.startsWith(Digests.SHA256) ? id : Digests.SHA256 + id;
  }
}
