package io.wharf.volume;

import io.wharf.api.WharfException;
import io.wharf.api.volume.VolumeRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Docker's volume list filters: dangling, name (substring), label (key or key=value), driver. */
final class VolumeFilters {
  private VolumeFilters() {}

  static final Set<String> KEYS = Set.of("dangling", "name", "label", "driver");

  static void requireKnown(Map<String, List<String>> filters) {
    for (String key : filters.keySet()) {
      if (!KEYS.contains(key) && !"all".equals(key)) {
        throw WharfException.invalid("invalid filter '" + key + "'");
      }
    }
  }

  static boolean matches(VolumeRecord v, Map<String, List<String>> filters) {
    for (var e : filters.entrySet()) {
      if (!matchesKey(v, e.getKey(), e.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesKey(VolumeRecord v, String key, List<String> values) {
    if (values == null || values.isEmpty()) {
      return true;
    }
    return switch (key) {
      case "dangling" -> values.stream().anyMatch(x -> dangling(x) == v.usedBy().isEmpty());
      case "name" -> values.stream().anyMatch(x -> v.name().contains(x));
      case "driver" -> values.stream().anyMatch(x -> x.equals(v.driver()));
      case "label" -> values.stream().allMatch(x -> labelMatches(v.labels(), x));
      default -> true;
    };
  }

  private static boolean dangling(String value) {
    return switch (value) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw WharfException.invalid("invalid filter 'dangling=" + value + "'");
    };
  }

  private static boolean labelMatches(Map<String, String> labels, String wanted) {
    int eq = wanted.indexOf('=');
    if (eq < 0) {
      return labels.containsKey(wanted);
    }
    return wanted.substring(eq + 1).equals(labels.get(wanted.substring(0, eq)));
  }
}
