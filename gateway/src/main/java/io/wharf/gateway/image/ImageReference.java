package io.wharf.gateway.image;

/**
 * Splits and shows image references as the pull/import endpoints need: {@code repo=imported:1}
 * carries the tag inside the repo; {@code fromImage=docker.io/library/busybox&tag=latest} is shown
 * to users as {@code busybox:latest}.
 */
public final class ImageReference {
  private ImageReference() {}

  /** [repo, tag]; tag is null when the reference has none. A port colon is not a tag. */
  public static String[] splitTag(String ref) {
    int slash = ref.lastIndexOf('/');
    int colon = ref.lastIndexOf(':');
    if (colon > slash && !ref.contains("@")) {
      return new String[] {ref.substring(0, colon), ref.substring(colon + 1)};
    }
    return new String[] {ref, null};
  }

  /** repo + tag as one reference: {@code repo:tag}, {@code repo@sha256:...}, or {@code repo:latest}. */
  public static String join(String repo, String tag) {
    if (tag == null || tag.isEmpty()) {
      return splitTag(repo)[1] != null || repo.contains("@") ? repo : repo + ":latest";
    }
    return tag.startsWith("sha256:") ? repo + "@" + tag : repo + ":" + tag;
  }

  /** Drops Docker Hub's implied prefixes: {@code docker.io/library/busybox} -> {@code busybox}. */
  public static String familiar(String ref) {
    if (ref.startsWith("docker.io/library/")) {
      return ref.substring("docker.io/library/".length());
    }
    if (ref.startsWith("docker.io/")) {
      return ref.substring("docker.io/".length());
    }
    return ref;
  }
}
