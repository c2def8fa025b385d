package io.wharf.gateway.image;

import static io.wharf.gateway.http.RoutePattern.regex;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.wharf.api.container.ContainerSummary;
import io.wharf.api.image.ImageRequests;
import io.wharf.api.image.ImageSummary;
import io.wharf.gateway.container.ContainerBackend;
import io.wharf.gateway.http.DockerResponses;
import io.wharf.gateway.http.ErrorResponder;
import io.wharf.gateway.http.FilterArgs;
import io.wharf.gateway.http.QueryArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /images/prune} (docker image prune, docker system prune): removes the images
 * {@link ImagePruneFilter} selects one after the other through the ordinary image removal (so
 * its conflict rules still hold; an image that cannot go is skipped), and answers Docker's
 * {@code {"ImagesDeleted": [...] | null, "SpaceReclaimed": n}}, and emits Docker's "image prune"
 * event (attribute reclaimed).
 */
public final class ImagePruneRoutes {
  private final ImageBackend images;
  private final ContainerBackend containers;

  public ImagePruneRoutes(ImageBackend images, ContainerBackend containers) {
    this.images = images;
    this.containers = containers;
  }

  public void mount(Router r) {
    r.postWithRegex(regex("/images/prune")).handler(this::prune);
  }

  void prune(RoutingContext ctx) {
    ImagePruneFilter filter;
    try {
      filter = new ImagePruneFilter(FilterArgs.parse(new QueryArgs(ctx.queryParams()).string("filters")),
          System.currentTimeMillis() * 1_000_000L);
    } catch (RuntimeException e) {
      ErrorResponder.send(ctx, e);
      return;
    }
    List<ImageRequests.DeleteItem> deleted = new ArrayList<>();
    long[] reclaimed = {0};
    Future<Void> done = containers.list().compose(cs -> images.list(new ImageRequests.ListImages(true, Map.of()))
        .compose(list -> {
          Set<String> used = cs.stream().map(ContainerSummary::imageId).filter(id -> id != null)
              .map(id -> id.startsWith("sha256:") ? id : "sha256:" + id).collect(Collectors.toSet());
          // An image other images were built on (a build's intermediate step) is never pruned itself,
          // as in dockerd; it goes with its last child (the registry prunes untagged parents).
          Set<String> parents = list.stream().map(ImageSummary::parentId).filter(p -> p != null && !p.isEmpty())
              .collect(Collectors.toSet());
          Future<Void> chain = Future.succeededFuture();
          for (ImageSummary image : list) {
            if (!parents.contains(image.id()) && filter.prunes(image, used)) {
              chain = chain.compose(v -> removeOne(image, deleted, reclaimed));
            }
          }
          return chain;
        }));
    done.onSuccess(v -> containers.announce(new io.wharf.api.event.WharfEvent("image", "prune", "",
            Map.of("reclaimed", Long.toString(reclaimed[0])), System.currentTimeMillis() * 1_000_000L, "")))
        .onSuccess(v -> DockerResponses.json(ctx, 200, new JsonObject()
            .put("ImagesDeleted", deleted.isEmpty() ? null : ImageJsonTranslator.deleted(deleted))
            .put("SpaceReclaimed", reclaimed[0])))
        .onFailure(err -> ErrorResponder.send(ctx, err));
  }

  /** Tags one by one (the last one takes the image), or the id for an untagged image; never fails. */
  private Future<Void> removeOne(ImageSummary image, List<ImageRequests.DeleteItem> deleted, long[] reclaimed) {
    List<String> names = image.repoTags() == null || image.repoTags().isEmpty() ? List.of(image.id())
        : image.repoTags();
    Future<Void> chain = Future.succeededFuture();
    for (String name : names) {
      chain = chain.compose(v -> images.remove(new ImageRequests.Remove(name, false, false)).map(items -> {
        deleted.addAll(items);
        if (items.stream().anyMatch(i -> i.deleted() != null)) {
          reclaimed[0] += Math.max(0, image.size());
        }
        return (Void) null;
      }).otherwise((Void) null));
    }
    return chain;
  }
}
