package io.wharf.gateway.image;

import io.wharf.api.WharfException;
import io.wharf.api.image.ImageSummary;
import io.wharf.gateway.container.PruneFilter;
import io.wharf.gateway.http.FilterArgs;
import java.util.List;
import java.util.Set;

/**
 * Which images {@code POST /images/prune?filters=} removes (docker image prune). Never an image a
 * container (in any state) uses. With {@code dangling=true} (the default) only images without
 * any tag or repo digest; with {@code dangling=false} ({@code -a}) every unused image. Also
 * {@code until} (created before; a Go duration back from now, Unix seconds or RFC 3339),
 * {@code label} (all must match) and {@code label!} (not all may match). Pure.
 */
public final class ImagePruneFilter {
  private static final Set<String> KEYS = Set.of("dangling", "until", "label", "label!");

  private final FilterArgs filters;
  private final boolean danglingOnly;
  private final long untilSeconds;

  public ImagePruneFilter(FilterArgs filters, long nowNanos) {
    this.filters = filters.requireKeys(KEYS);
    this.danglingOnly = dangling(filters.get("dangling"));
    List<String> until = filters.get("until");
    if (until.size() > 1) {
      throw WharfException.invalid("more than one until filter specified");
    }
    this.untilSeconds = until.isEmpty() ? Long.MAX_VALUE
        : Math.floorDiv(PruneFilter.timestamp(until.get(0), nowNanos), 1_000_000_000L);
  }

  private static boolean dangling(List<String> values) {
    if (values.isEmpty()) {
      return true;
    }
    return switch (values.get(0).toLowerCase()) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw WharfException.invalid("invalid filter 'dangling=" + values.get(0) + "'");
    };
  }

  /** @param usedImageIds ids ("sha256:...") of the images any container was created from */
  public boolean prunes(ImageSummary image, Set<String> usedImageIds) {
    if (usedImageIds.contains(image.id())) {
      return false;
    }
    if (danglingOnly && !(empty(image.repoTags()) && empty(image.repoDigests()))) {
      return false;
    }
    if (image.created() >= untilSeconds) {
      return false;
    }
    if (!FilterArgs.labelsMatch(filters.get("label"), image.labels())) {
      return false;
    }
    return !filters.has("label!") || !FilterArgs.labelsMatch(filters.get("label!"), image.labels());
  }

  private static boolean empty(List<String> list) {
    return list == null || list.isEmpty();
  }
}
