package io.wharf.node.snapshot;

import java.util.List;

/**
 * One mount to perform, as data (containerd's Mount model): computed by a snapshotter without
 * privileges, applied by {@link OverlaySnapshotter#mount}. For overlay the options are
 * {@code lowerdir=<top>:...:<bottom>}, {@code upperdir=...}, {@code workdir=...}.
 */
public record Mount(String type, String source, String target, List<String> options) {
  public Mount {
    options = List.copyOf(options);
  }

  /** The options as mount(2) takes them: comma separated. */
  public String optionString() {
    return String.join(",", options);
  }

  /** The value of option {@code key=value}, or null. */
  public String option(String key) {
    String prefix = key + "=";
    return options.stream().filter(o -> o.startsWith(prefix)).map(o -> o.substring(prefix.length()))
        .findFirst().orElse(null);
  }

  /** The lower dirs, topmost first (overlay paths never contain ':' here: they are hex digests). */
  public List<String> lowerDirs() {
    String lower = option("lowerdir");
    return lower == null ? List.of() : List.of(lower.split(":"));
  }
}
