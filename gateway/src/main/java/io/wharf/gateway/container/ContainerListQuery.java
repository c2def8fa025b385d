package io.wharf.gateway.container;

import io.wharf.api.container.ContainerState;
import io.wharf.api.container.ContainerSummary;
import io.wharf.gateway.http.FilterArgs;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * {@code GET /containers/json?all=&limit=&filters=}: which containers {@code docker ps} shows, newest
 * first. Without {@code all} only live ones (running, paused, restarting); a {@code status}
 * filter or a positive {@code limit} implies {@code all}, as in dockerd. Filters: id (prefix),
 * name (regex on the name), label, status, ancestor (image as given, or image id prefix), health
 * (starting, healthy, unhealthy, or none for containers without a health check), exited (exit
 * code of a container that ran and stopped), before/since (created before / after the container
 * named by id prefix or name; unknown ones are NOT_FOUND as in dockerd), volume (volume name,
 * bind source or mount destination), network (the network mode's name). publish and expose
 * are checked here and applied by {@link PortFilter} once the entries have their Ports (the limit
 * then comes after them).
 */
public record ContainerListQuery(boolean all, int limit, FilterArgs filters) {
  private static final Set<String> KEYS = Set.of("id", "name", "label", "status", "ancestor", "health",
      "exited", "before", "since", "volume", "network",
      "publish", "expose");
  private static final Set<String> HEALTH = Set.of("starting", "healthy", "unhealthy", "none");

  public ContainerListQuery {
    filters.requireKeys(KEYS);
    for (String health : filters.get("health")) {
      if (!HEALTH.contains(health)) {
        throw io.wharf.api.WharfException.invalid("Unrecognised filter value for health: " + health);
      }
    }
    for (String code : filters.get("exited")) {
      try {
        Integer.parseInt(code);
      } catch (NumberFormatException e) {
        throw io.wharf.api.WharfException.invalid("invalid filter 'exited=" + code + "'");
      }
    }
    for (String status : filters.get("status")) {
      try {
        ContainerState.fromWire(status);
      } catch (IllegalArgumentException e) {
        throw io.wharf.api.WharfException.invalid("invalid filter 'status=" + status + "'");
      }
    }
    PortFilter.of(filters);
  }

  public List<ContainerSummary> apply(List<ContainerSummary> containers) {
    boolean showAll = all || limit > 0 || filters.has("status");
    long before = createdOf("before", containers, Long.MAX_VALUE);
    long since = createdOf("since", containers, Long.MIN_VALUE);
    List<ContainerSummary> out = containers.stream()
        .filter(c -> showAll || c.state().isLive())
        .filter(c -> c.createdNanos() < before && c.createdNanos() > since)
        .filter(this::matches)
        .sorted(Comparator.comparingLong(ContainerSummary::createdNanos).reversed())
        .collect(Collectors.toList());
    boolean portsLater = filters.has("publish") || filters.has("expose");
    return limit > 0 && out.size() > limit && !portsLater ? out.subList(0, limit) : out;
  }

  boolean matches(ContainerSummary c) {
    return anyOrNone("id", v -> c.id().startsWith(v))
        && anyOrNone("name", v -> nameMatches(v, c.name()))
        && anyOrNone("status", v -> c.state().wire().equals(v))
        && anyOrNone("ancestor", v -> ancestorMatches(v, c))
        && anyOrNone("health", v -> v.equals(c.health() == null ? "none" : c.health().status()))
        && anyOrNone("exited", v -> c.state() == ContainerState.EXITED && c.exitCode() == Integer.parseInt(v))
        && anyOrNone("volume", v -> c.mounts().stream().anyMatch(m -> v.equals(m.source()) || v.equals(m.target())))
        && anyOrNone("network", v -> v.equals(c.networkMode()) || ("bridge".equals(v) && "default".equals(c.networkMode())))
        && FilterArgs.labelsMatch(filters.get("label"), c.labels());
  }

  /** The creation time of the container a before/since filter names; {@code none} without the filter. */
  private long createdOf(String key, List<ContainerSummary> containers, long none) {
    List<String> wanted = filters.get(key);
    if (wanted.isEmpty()) {
      return none;
    }
    String ref = wanted.get(0);
    return containers.stream()
        .filter(c -> c.name().equals(ref.startsWith("/") ? ref.substring(1) : ref) || c.id().startsWith(ref))
        .findFirst()
        .map(ContainerSummary::createdNanos)
        .orElseThrow(() -> io.wharf.api.WharfException.notFound("No such container: " + ref));
  }

  private boolean anyOrNone(String key, java.util.function.Predicate<String> test) {
    List<String> wanted = filters.get(key);
    return wanted.isEmpty() || wanted.stream().anyMatch(test);
  }

  private static boolean nameMatches(String wanted, String name) {
    String w = wanted.startsWith("/") ? wanted.substring(1) : wanted;
    try {
      return Pattern.compile(w).matcher(name).find();
    } catch (PatternSyntaxException e) {
      return name.contains(w);
    }
  }

  private static boolean ancestorMatches(String wanted, ContainerSummary c) {
    String image = c.image() == null ? "" : c.image();
    String id = c.imageId() == null ? "" : c.imageId();
    return image.equals(wanted) || withLatest(image).equals(withLatest(wanted))
        || id.equals(wanted) || id.startsWith("sha256:" + wanted) || (wanted.startsWith("sha256:") && id.startsWith(wanted));
  }

  private static String withLatest(String ref) {
    int slash = ref.lastIndexOf('/');
    return ref.indexOf(':', slash + 1) < 0 && !ref.contains("@") ? ref + ":latest" : ref;
  }
}
