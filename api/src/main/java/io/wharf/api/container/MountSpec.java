package io.wharf.api.container;

/**
 * One mount of a container, from {@code HostConfig.Binds} or {@code HostConfig.Mounts}.
 *
 * @param type "volume", "bind" or "tmpfs"
 * @param source volume name (null or empty = anonymous), host path for binds, unused for tmpfs
 * @param target absolute path in the container
 * @param propagation bind propagation (rprivate, rshared, ...), null for the default
 * @param options tmpfs mount options ("size=64m,mode=1777"); for binds {@link #CREATE_SOURCE} when a
 *     missing source is created (-v) rather than refused (--mount); for volumes {@link #NO_COPY} when
 *     the image's content must not be copied in; null otherwise
 * @param hostPath set by the node at create: the directory bound (volume mountpoint or bind source)
 */
public record MountSpec(String type, String source, String target, boolean readOnly, String propagation,
    String options, String hostPath) {

  public static final String VOLUME = "volume";
  public static final String BIND = "bind";
  public static final String TMPFS = "tmpfs";
  public static final String CREATE_SOURCE = "create-source";
  public static final String NO_COPY = "nocopy";

  public MountSpec resolved(String newSource, String newHostPath) {
    return new MountSpec(type, newSource, target, readOnly, propagation, options, newHostPath);
  }
}
