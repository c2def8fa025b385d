package io.wharf.gateway.build;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which node last built a given image: the build cache (step images' ids keyed by parent and
 * instruction) is kept per node, so a rebuild of the same tags with the same Dockerfile path is
 * sent back to that node, where every unchanged step is a cache hit. The key is the sorted tags
 * plus the {@code dockerfile} query value; untagged builds have no key. Bounded (least recently
 * used entries go first) and in memory: losing it only costs one cold build. Synchronized: the
 * gateway's route handlers may run on several event loops.
 */
final class BuildAffinity {
  static final int MAX_ENTRIES = 1024;

  private final Map<String, String> lastNode = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** The key of a build with these {@code t} and {@code dockerfile} query values, or empty when untagged. */
  static Optional<String> key(List<String> tags, String dockerfile) {
    if (tags == null || tags.isEmpty()) {
      return Optional.empty();
    }
    String file = dockerfile == null || dockerfile.isEmpty() ? "Dockerfile" : dockerfile;
    return Optional.of(String.join(",", new TreeSet<>(tags)) + "|" + file);
  }

  synchronized Optional<String> preferredNode(String key) {
    return Optional.ofNullable(lastNode.get(key));
  }

  synchronized void builtOn(String key, String nodeId) {
    lastNode.put(key, nodeId);
  }
}
