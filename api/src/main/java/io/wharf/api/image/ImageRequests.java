package io.wharf.api.image;

import java.util.List;
import java.util.Map;

/** Request and reply bodies of the image operations in {@link io.wharf.api.Addresses}. */
public final class ImageRequests {
  private ImageRequests() {}

  /** IMAGE_LIST. filters: Docker's filter keys (dangling, label, reference, before, since) to values. */
  public record ListImages(boolean all, Map<String, List<String>> filters) {}

  /** IMAGE_INSPECT and IMAGE_HISTORY: a name, name:tag, full or short id, or sha256:id. */
  public record Ref(String name) {}

  /** IMAGE_TAG: give {@code source} the name repo:tag (repo as the CLI sends it, maybe docker.io/library/x). */
  public record Tag(String source, String repo, String tag) {}

  /** IMAGE_REMOVE. */
  public record Remove(String name, boolean force, boolean noPrune) {}

  /** One line of {@code docker rmi} output: exactly one of the two is set. */
  public record DeleteItem(String untagged, String deleted) {}
}
