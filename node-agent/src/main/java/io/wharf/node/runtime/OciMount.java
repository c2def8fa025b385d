package io.wharf.node.runtime;

import java.util.List;

/** One entry of the OCI spec's {@code mounts}. */
public record OciMount(String destination, String type, String source, List<String> options) {

  /** A recursive private bind mount, read-only when asked (Docker's form for -v and /etc files). */
  public static OciMount bind(String source, String destination, boolean readOnly) {
    return new OciMount(destination, "bind", source,
        readOnly ? List.of("rbind", "rprivate", "ro") : List.of("rbind", "rprivate"));
  }
}
