package io.wharf.network;

import io.wharf.api.WharfException;
import io.wharf.api.network.NetworkRequests.Details;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Docker's network filters for {@code ls} and {@code prune}: {@code name} (substring), {@code id}
 * (prefix), {@code label} ({@code key} or {@code key=value}), {@code driver}, {@code type}
 * ({@code custom} or {@code builtin}) and {@code dangling} (no endpoints). Several values of one
 * key match any; different keys must all match.
 */
public final class NetworkFilter implements Predicate<Details> {
  static final Set<String> KEYS = Set.of("name", "id", "label", "driver", "type", "dangling");

  private final Map<String, List<String>> filters;

  public NetworkFilter(Map<String, List<String>> filters) {
    this.filters = filters == null ? Map.of() : filters;
    for (var e : this.filters.entrySet()) {
      if (!KEYS.contains(e.getKey())) {
        throw WharfException.invalid("invalid filter '" + e.getKey() + "'");
      }
      if (e.getKey().equals("type")) {
        e.getValue().stream().filter(v -> !v.equals("custom") && !v.equals("builtin")).findFirst()
            .ifPresent(v -> { throw WharfException.invalid("invalid filter: 'type'='" + v + "'"); });
      }
    }
  }

  @Override
  public boolean test(Details d) {
    return filters.entrySet().stream().allMatch(e -> e.getValue().isEmpty()
        || e.getValue().stream().anyMatch(v -> matches(e.getKey(), v, d)));
  }

  private static boolean matches(String key, String value, Details d) {
    var n = d.network();
    return switch (key) {
      case "name" -> n.name().contains(value);
      case "id" -> n.id().startsWith(value);
      case "driver" -> n.driver().equals(value);
      case "type" -> value.equals("builtin") == n.predefined();
      case "dangling" -> Boolean.parseBoolean(value) == (d.endpoints().isEmpty() && !n.predefined());
      case "label" -> labelMatches(n.labels(), value);
      default -> false;
    };
  }

  private static boolean labelMatches(Map<String, String> labels, String value) {
    int eq = value.indexOf('=');
    if (eq < 0) {
      return labels.containsKey(value);
    }
    return value.substring(eq + 1).equals(labels.get(value.substring(0, eq)));
  }
}
