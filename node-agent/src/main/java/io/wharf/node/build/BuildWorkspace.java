package io.wharf.node.build;

import io.wharf.api.image.ImageDetails;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where build steps touch files: RUN in a real container, COPY/ADD/WORKDIR in a scratch overlay
 * of the parent image. Each returns the step's changes as an OCI layer tar (a temp file the caller
 * deletes), or null when nothing changed. Nothing is left behind on success or failure (no
 * container, mount or snapshot). Blocking.
 */
public interface BuildWorkspace {
  /**
   * A RUN step.
   *
   * @param remove remove the container after the step succeeded (else it stays, stopped)
   * @param forceRemove remove it after a failure too (else a failed step's container stays, as dockerd)
   * @param extraHosts lines appended to the container's /etc/hosts ("ip\tname")
   */
  record RunRequest(String parentId, List<String> argv, List<String> env, String networkMode, long memory,
      long shmSize, long cpuShares, long cpuQuota, long cpuPeriod, List<String> extraHosts, boolean remove,
      boolean forceRemove) {}

  /** A change made to a mounted rootfs (paths inside it are the image's). */
  interface RootfsChange {
    void apply(Path rootfs) throws IOException, BuildFailure;
  }

  /** A read of a mounted rootfs. */
  interface RootfsRead<T> {
    T apply(Path rootfs) throws IOException, BuildFailure;
  }

  /**
   * Runs {@code r.argv} in a container of image {@code r.parentId}; output goes to {@code messages}
   * (" ---> Running in", the output, "Removing intermediate container" when it is removed).
   *
   * @throws BuildFailure with the exit code when the command fails
   */
  Path run(RunRequest r, BuildMessages messages) throws BuildFailure;

  /** Applies {@code change} to an overlay of {@code parent} (null: scratch) and returns the diff. */
  Path change(ImageDetails parent, RootfsChange change) throws BuildFailure;

  /** Mounts {@code image} read-only in spirit (changes are discarded) for {@code read}. */
  <T> T read(ImageDetails image, RootfsRead<T> read) throws BuildFailure;
}
