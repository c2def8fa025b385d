package io.wharf.gateway.event;

import io.wharf.api.event.WharfEvent;
import io.wharf.gateway.http.FilterArgs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which events a {@code GET /events?filters=} subscriber sees, after dockerd's rules: every given
 * key must match one of its values. {@code event} matches the action (for "exec_start: sh" the
 * part before the colon too); {@code container}, {@code image}, {@code volume}, {@code network}
 * match the actor's id or name and exclude events of other types; {@code label} matches attributes.
 */
public final class EventFilter implements Predicate<WharfEvent> {
  private static final Set<String> KEYS = Set.of("type", "event", "container", "image", "label", "volume",
      "network", "scope", "daemon", "node");

  private final FilterArgs filters;

  public EventFilter(FilterArgs filters) {
    this.filters = filters.requireKeys(KEYS);
  }

  @Override
  public boolean test(WharfEvent e) {
    return any("type", v -> v.equals(e.type()))
        && any("event", v -> v.equals(e.action()) || v.equals(actionVerb(e.action())))
        && any("container", v -> "container".equals(e.type()) && idOrName(v, e))
        && any("image", v -> imageMatches(v, e))
        && any("volume", v -> "volume".equals(e.type()) && idOrName(v, e))
        && any("network", v -> "network".equals(e.type()) && idOrName(v, e))
        && any("scope", "local"::equals)
        && any("node", v -> v.equals(e.nodeId()))
        && FilterArgs.labelsMatch(filters.get("label"), attributes(e));
  }

  private boolean any(String key, Predicate<String> match) {
    List<String> wanted = filters.get(key);
    return wanted.isEmpty() || wanted.stream().anyMatch(match);
  }

  private static String actionVerb(String action) {
    int colon = action == null ? -1 : action.indexOf(':');
    return colon < 0 ? action : action.substring(0, colon);
  }

  private static boolean idOrName(String wanted, WharfEvent e) {
    String id = e.actorId() == null ? "" : e.actorId();
    return id.equals(wanted) || (wanted.length() >= 12 && id.startsWith(wanted))
        || wanted.equals(attributes(e).get("name"));
  }

  private static boolean imageMatches(String wanted, WharfEvent e) {
    String ref = "image".equals(e.type()) ? attributes(e).getOrDefault("name", e.actorId()) : attributes(e).get("image");
    if (ref == null) {
      return false;
    }
    return ref.equals(wanted) || withLatest(ref).equals(withLatest(wanted))
        || ("image".equals(e.type()) && wanted.equals(e.actorId()));
  }

  private static String withLatest(String ref) {
    int slash = ref.lastIndexOf('/');
    return ref.indexOf(':', slash + 1) < 0 && !ref.contains("@") ? ref + ":latest" : ref;
  }

  private static Map<String, String> attributes(WharfEvent e) {
    return e.attributes() == null ? Map.of() : e.attributes();
  }
}
