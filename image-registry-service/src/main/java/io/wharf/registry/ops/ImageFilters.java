package io.wharf.registry.ops;

import io.wharf.api.WharfException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The filters of {@code docker images}: {@code dangling=true|false}, {@code label=key} or
 * {@code label=key=value} (all must match), {@code reference=<glob>} (Go path.Match on the
 * familiar "name:tag" or the name; only matching tags are listed), {@code before=<image>},
 * {@code since=<image>} (strictly older / newer than that image). Unknown keys are INVALID_ARGUMENT.
 */
public final class ImageFilters {
  private Boolean dangling;
  private final List<String> labels = new ArrayList<>();
  private final List<GlobPattern> references = new ArrayList<>();
  private Long beforeSeconds;
  private Long sinceSeconds;

  /**
   * @param createdOf the created time (Unix seconds) of an image named in before/since;
   *     throws NOT_FOUND for unknown images
   */
  public static ImageFilters parse(Map<String, List<String>> filters, ToLongFunction<String> createdOf) {
    ImageFilters f = new ImageFilters();
    if (filters == null) {
      return f;
    }
    for (Map.Entry<String, List<String>> e : filters.entrySet()) {
      List<String> values = e.getValue() == null ? List.of() : e.getValue();
      switch (e.getKey()) {
        case "dangling" -> f.dangling = values.isEmpty() ? null : bool(values.get(0));
        case "label" -> f.labels.addAll(values);
        case "reference" -> values.forEach(v -> f.references.add(GlobPattern.compile(v)));
        case "before" -> f.beforeSeconds = values.isEmpty() ? null : createdOf.applyAsLong(values.get(0));
        case "since" -> f.sinceSeconds = values.isEmpty() ? null : createdOf.applyAsLong(values.get(0));
        default -> throw WharfException.invalid("invalid filter '" + e.getKey() + "'");
      }
    }
    return f;
  }

  private static boolean bool(String v) {
    return switch (v.toLowerCase()) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw WharfException.invalid("Invalid filter 'dangling=" + v + "'");
    };
  }

  /** Tags to show: those matching a reference pattern, or all when there is no reference filter. */
  public List<String> visibleTags(List<String> tags) {
    if (references.isEmpty()) {
      return tags;
    }
    return tags.stream().filter(this::matchesReference).toList();
  }

  /** RepoDigests to show ("name@sha256:..."): those whose name matches a reference pattern, or all. */
  public List<String> visibleDigests(List<String> digestNames) {
    if (references.isEmpty()) {
      return digestNames;
    }
    return digestNames.stream().filter(d -> {
      String name = d.substring(0, Math.max(0, d.indexOf('@')));
      return references.stream().anyMatch(p -> p.matches(d) || p.matches(name));
    }).toList();
  }

  private boolean matchesReference(String familiarTag) {
    String name = familiarTag.substring(0, familiarTag.lastIndexOf(':'));
    return references.stream().anyMatch(p -> p.matches(familiarTag) || p.matches(name));
  }

  /**
   * Whether an image is listed.
   *
   * @param allTags every tag of the image; @param visibleTags the result of {@link #visibleTags}
   */
  public boolean accepts(List<String> allTags, List<String> visibleTags, long createdSeconds,
      Map<String, String> imageLabels) {
    if (!references.isEmpty() && visibleTags.isEmpty()) {
      return false;
    }
    if (dangling != null && dangling != allTags.isEmpty()) {
      return false;
    }
    if (beforeSeconds != null && createdSeconds >= beforeSeconds) {
      return false;
    }
    if (sinceSeconds != null && createdSeconds <= sinceSeconds) {
      return false;
    }
    return labels.stream().allMatch(l -> hasLabel(imageLabels, l));
  }

  private static boolean hasLabel(Map<String, String> imageLabels, String filter) {
    if (imageLabels == null) {
      return false;
    }
    int eq = filter.indexOf('=');
    if (eq < 0) {
      return imageLabels.containsKey(filter);
    }
    return filter.substring(eq + 1).equals(imageLabels.get(filter.substring(0, eq)));
  }
}
